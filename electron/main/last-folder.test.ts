import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastFolder, rememberFolder } from './last-folder';
import { restorableBounds } from './window-state';
import { MAX_RECENT_FOLDERS, SettingsStore } from '../engine/settings/settings-store';
import { folderFromArgv } from './argv-folder';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msm-last-folder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('last folder', () => {
  it('is null before anything was remembered', async () => {
    const { store } = await SettingsStore.open(dir);
    expect(lastFolder(store)).toBeNull();
  });

  it('remembers the last folder and keeps a recent list, most recent first, without duplicates', async () => {
    const { store } = await SettingsStore.open(dir);
    await rememberFolder(store, '/srv/a/MobileApps');
    await rememberFolder(store, '/srv/b/MobileApps');
    await rememberFolder(store, '/srv/a/MobileApps');
    expect(lastFolder(store)).toBe('/srv/a/MobileApps');
    expect(store.get().recentFolders).toEqual(['/srv/a/MobileApps', '/srv/b/MobileApps']);
    // Survives a restart: read back from the file.
    const reopened = await SettingsStore.open(dir);
    expect(lastFolder(reopened.store)).toBe('/srv/a/MobileApps');
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).lastFolder).toBe('/srv/a/MobileApps');
  });

  it('keeps at most the allowed number of recent folders', async () => {
    const { store } = await SettingsStore.open(dir);
    for (let i = 0; i < MAX_RECENT_FOLDERS + 5; i++) await rememberFolder(store, `/f${i}`);
    expect(store.get().recentFolders).toHaveLength(MAX_RECENT_FOLDERS);
    expect(store.get().recentFolders[0]).toBe(`/f${MAX_RECENT_FOLDERS + 4}`);
  });
});

describe('window bounds', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1080 };
  it('restores bounds on their screen, clamped into its work area so the title bar stays reachable', () => {
    const onScreen = { x: 100, y: 80, width: 1200, height: 800, maximized: false };
    const only = () => screen;
    expect(restorableBounds(onScreen, only)).toEqual(onScreen);
    // 100×100 px still overlapping used to pass as is: now pulled fully inside.
    expect(restorableBounds({ ...onScreen, x: 1820, y: 980 }, only)).toEqual({ ...onScreen, x: 720, y: 280 });
    expect(restorableBounds({ ...onScreen, y: -500 }, only)).toMatchObject({ y: 0 });
    expect(restorableBounds({ ...onScreen, width: 4000, height: 3000 }, only)).toMatchObject({
      x: 0,
      y: 0,
      width: 1920,
      height: 1080,
    });
    const second = { x: 1920, y: 0, width: 2560, height: 1440 };
    expect(restorableBounds({ ...onScreen, x: 3000 }, () => second)).toEqual({ ...onScreen, x: 3000 });
    expect(restorableBounds(null, only)).toBeNull();
  });
});

describe('folderFromArgv', () => {
  it('takes the last existing directory, skipping flags, files and the app path', async () => {
    const folder = join(dir, 'MobileApps');
    await mkdir(folder);
    await writeFile(join(dir, 'file.txt'), '');
    const argv = ['/usr/bin/app', dir, '--inspect=0', 'MobileApps', 'file.txt', '--no-sandbox'];
    expect(folderFromArgv(argv, dir, dir)).toBe(folder);
    expect(folderFromArgv(['/usr/bin/app', dir], dir, dir)).toBeNull();
    expect(folderFromArgv(['/usr/bin/app', '/does/not/exist'], dir)).toBeNull();
  });
});

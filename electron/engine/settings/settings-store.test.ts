import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE, SettingsStore, defaultSettings } from './settings-store';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msm-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = () => join(dir, SETTINGS_FILE);
const readJson = async () => JSON.parse(await readFile(file(), 'utf8')) as Record<string, unknown>;
const backups = async () => (await readdir(dir)).filter((n) => n.startsWith(`${SETTINGS_FILE}.corrupt-`));

describe('SettingsStore.open', () => {
  it('starts from defaults without creating a file or a warning', async () => {
    const { store, warning } = await SettingsStore.open(dir);
    expect(warning).toBeNull();
    expect(store.get()).toEqual(defaultSettings());
    await expect(stat(file())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates a missing data directory', async () => {
    const nested = join(dir, 'a', 'b');
    const { store } = await SettingsStore.open(nested);
    await store.update((s) => ({ ...s, theme: 'dark' }));
    expect(JSON.parse(await readFile(join(nested, SETTINGS_FILE), 'utf8')).theme).toBe('dark');
  });

  it('backs up a file that is not JSON and restores the defaults, with a warning', async () => {
    await writeFile(file(), '{"theme": "dark", oops');
    const { store, warning } = await SettingsStore.open(dir);
    expect(store.get()).toEqual(defaultSettings());
    expect(warning).toMatch(/not valid JSON/);
    const saved = await backups();
    expect(saved).toHaveLength(1);
    expect(warning).toContain(saved[0]);
    expect(await readFile(join(dir, saved[0]!), 'utf8')).toBe('{"theme": "dark", oops');
    expect(await readJson()).toEqual(defaultSettings());
  });

  it('treats a JSON array or scalar as corrupt', async () => {
    await writeFile(file(), '[1,2,3]');
    const { warning } = await SettingsStore.open(dir);
    expect(warning).toMatch(/does not hold a JSON object/);
    expect(await backups()).toHaveLength(1);
  });

  it('resets only the fields with wrong types and keeps the rest (push settings survive)', async () => {
    const push = { '/srv/MobileApps': { url: 'https://4d.example.com/4DACTION/MSM_RefreshSessions', timeoutMs: 8000 } };
    await writeFile(
      file(),
      JSON.stringify({
        version: 1,
        theme: 'purple',
        language: 'fr',
        window: { x: 'left' },
        push,
        notifications: false,
      }),
    );
    const { store, warning } = await SettingsStore.open(dir);
    const s = store.get();
    expect(s.theme).toBe('system');
    expect(s.window).toBeNull();
    expect(s.language).toBe('fr');
    expect(s.notifications).toBe(false);
    expect(s.push).toEqual(push);
    expect(warning).toMatch(/reset to their defaults \(window, theme\)/);
    expect(await backups()).toHaveLength(1);
    expect((await readJson()).theme).toBe('system');
  });

  it('rejects a plain-text secret in the push settings (the whole push field is reset)', async () => {
    await writeFile(
      file(),
      JSON.stringify({ push: { '/r': { url: 'http://h/x', timeoutMs: 5000, secret: 'plain-text' } } }),
    );
    const { store, warning } = await SettingsStore.open(dir);
    expect(store.get().push).toEqual({});
    expect(warning).toMatch(/push/);
  });

  it('drops unknown fields (documented) and fills missing ones with defaults, silently', async () => {
    await writeFile(file(), JSON.stringify({ version: 1, theme: 'dark', futureFeature: { a: 1 } }));
    const { store, warning } = await SettingsStore.open(dir);
    expect(warning).toBeNull();
    expect(store.get()).toEqual({ ...defaultSettings(), theme: 'dark' });
    await store.update(() => undefined);
    expect(await readJson()).not.toHaveProperty('futureFeature');
  });

  it('keeps at most 10 recent folders, without duplicates', async () => {
    const many = Array.from({ length: 14 }, (_, i) => `/f${i % 12}`);
    await writeFile(file(), JSON.stringify({ recentFolders: many }));
    const { store, warning } = await SettingsStore.open(dir);
    expect(warning).toBeNull();
    expect(store.get().recentFolders).toEqual(['/f0', '/f1', '/f2', '/f3', '/f4', '/f5', '/f6', '/f7', '/f8', '/f9']);
  });
});

describe('SettingsStore.update', () => {
  it('writes atomically and leaves no temp file behind', async () => {
    const { store } = await SettingsStore.open(dir);
    await store.update((s) => {
      s.lastFolder = '/srv/MobileApps';
    });
    expect((await readJson()).lastFolder).toBe('/srv/MobileApps');
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('serializes concurrent updates: none is lost', async () => {
    const { store } = await SettingsStore.open(dir);
    const folders = Array.from({ length: 25 }, (_, i) => `/folder/${i}`);
    await Promise.all(
      folders.map((f) =>
        store.update((s) => {
          s.push[f] = { url: `http://h/${encodeURIComponent(f)}`, timeoutMs: 1000 };
        }),
      ),
    );
    const onDisk = (await readJson()).push as Record<string, unknown>;
    expect(Object.keys(onDisk).sort()).toEqual([...folders].sort());
    expect(Object.keys(store.get().push)).toHaveLength(25);
    const reopened = await SettingsStore.open(dir);
    expect(Object.keys(reopened.store.get().push)).toHaveLength(25);
  });

  it('rejects an invalid result and keeps the file and memory unchanged; later updates still run', async () => {
    const { store } = await SettingsStore.open(dir);
    await store.update((s) => ({ ...s, theme: 'dark' }));
    const bad = store.update((s) => ({ ...s, theme: 'neon' as 'dark' }));
    const good = store.update((s) => ({ ...s, language: 'pt' }));
    await expect(bad).rejects.toThrow();
    await expect(good).resolves.toMatchObject({ theme: 'dark', language: 'pt' });
    expect(await readJson()).toMatchObject({ theme: 'dark', language: 'pt' });
  });

  it('get() returns a copy the caller cannot use to change the store', async () => {
    const { store } = await SettingsStore.open(dir);
    const copy = store.get();
    copy.recentFolders.push('/x');
    expect(store.get().recentFolders).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('writes the file readable by its owner only', async () => {
    const { store } = await SettingsStore.open(dir);
    await store.update(() => undefined);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
  });
});

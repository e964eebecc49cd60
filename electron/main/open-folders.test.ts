import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTree, type TempTree } from '../engine/testing/engine-fixtures';
import { SettingsStore } from '../engine/settings/settings-store';
import { WorkspaceSet } from '../engine/folder-set/workspace-set';
import { rememberOpenFolders, reopenFolders } from './open-folders';

const dirs: string[] = [];
const trees: TempTree[] = [];
const sets: WorkspaceSet[] = [];

async function newSet(): Promise<WorkspaceSet> {
  const dataDir = await mkdtemp(join(tmpdir(), 'msm-open-folders-'));
  dirs.push(dataDir);
  const set = new WorkspaceSet({ platform: 'linux', version: 'test', dataDir, healthIntervalMs: 0 });
  sets.push(set);
  return set;
}

function tree(): TempTree {
  const t = makeTree(2, 1);
  trees.push(t);
  return t;
}

afterEach(async () => {
  await Promise.all(sets.splice(0).map((s) => s.close()));
  for (const t of trees.splice(0)) t.cleanup();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('reopenFolders', () => {
  it('reopens every remembered folder, lists a vanished one with its error, shows the last one', async () => {
    const a = tree();
    const b = tree();
    const gone = join(tmpdir(), `msm-no-such-share-${Date.now()}`);
    const set = await newSet();
    const result = await reopenFolders(set, { open: [a.root, gone, b.root], last: a.root }, null);
    expect(result.warning).toBeNull();
    expect(result.state.root).toBe(a.root);
    const folders = await set.listFolders();
    expect(folders.map((f) => [f.root, f.phase, f.active])).toEqual([
      [a.root, 'ready', true],
      [gone, 'error', false],
      [b.root, 'ready', false],
    ]);
  });

  it('shows the demo folder when none of the remembered folders opens, keeping them listed', async () => {
    const gone = join(tmpdir(), `msm-no-such-share-${Date.now()}`);
    const set = await newSet();
    const result = await reopenFolders(set, { open: [gone], last: gone }, null);
    expect(result.state.isDemo).toBe(true);
    expect((await set.listFolders()).map((f) => [f.phase, f.isDemo])).toEqual([
      ['error', false],
      ['ready', true],
    ]);
  });

  it('adds the command line folder and shows it; without remembered folders it behaves as before', async () => {
    const a = tree();
    const b = tree();
    const set = await newSet();
    expect((await reopenFolders(set, { open: [a.root], last: a.root }, b.root)).state.root).toBe(b.root);
    const fresh = await newSet();
    expect((await reopenFolders(fresh, { open: [], last: null }, a.root)).state.root).toBe(a.root);
  });

  it('remembers the open folders and the active one in the settings', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'msm-open-folders-settings-'));
    dirs.push(dataDir);
    const { store } = await SettingsStore.open(dataDir);
    await rememberOpenFolders(store, ['/a', '/b', '/a'], '/b');
    expect(store.get()).toMatchObject({ openFolders: ['/a', '/b'], lastFolder: '/b' });
    const reopened = await SettingsStore.open(dataDir);
    expect(reopened.store.get().openFolders).toEqual(['/a', '/b']);
    await rememberOpenFolders(store, ['/a'], null); // the demo shown beside /a: /b stays the last one
    expect(store.get()).toMatchObject({ openFolders: ['/a'], lastFolder: '/b' });
    await rememberOpenFolders(store, [], null); // every folder closed: the demo at the next start
    expect(store.get()).toMatchObject({ openFolders: [], lastFolder: null });
  });
});

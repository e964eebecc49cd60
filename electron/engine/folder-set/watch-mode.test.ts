// The per-folder watch mode through the API: Auto polls a folder the detection
// calls a network share, setWatchMode replaces the watcher (the index is kept,
// changes still show), the choice is remembered in settings.json by the
// folder's real path and used at the next start; recheck() answers from the
// active folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../settings/settings-store';
import { settingsWatchPreferences } from '../settings/watch-preferences';
import { makeTree, newId, sessionText, waitFor, type TempTree } from '../testing/engine-fixtures';
import { WorkspaceSet } from './workspace-set';

let tree: TempTree | null = null;
const sets: WorkspaceSet[] = [];
afterEach(async () => {
  await Promise.all(sets.splice(0).map((s) => s.close()));
  tree?.cleanup();
  tree = null;
});

const asShare = async () => ({ network: true, fsType: 'nfs4' });

async function openSet(store: SettingsStore): Promise<WorkspaceSet> {
  const set = new WorkspaceSet({
    platform: 'linux',
    version: 'test',
    dataDir: tree!.dataDir,
    healthIntervalMs: 0,
    pollIntervalMs: 50,
    detectVolume: asShare,
    watchPreferences: settingsWatchPreferences(store),
  });
  sets.push(set);
  await set.add(tree!.root);
  return set;
}

describe('setWatchMode', () => {
  it('switches a folder between Auto (polling a share), Native and Polling, remembered across restarts', async () => {
    tree = makeTree(5, 2);
    const { store } = await SettingsStore.open(tree.dataDir);
    const set = await openSet(store);
    const [folder] = await set.listFolders();
    expect(folder?.watch).toEqual({
      mode: 'polling',
      preference: 'auto',
      reason: 'network',
      fsType: 'nfs4',
      network: true,
    });

    const after = await set.setWatchMode(folder!.id, 'native');
    expect(after[0]?.watch).toMatchObject({ mode: 'native', preference: 'native', reason: 'chosen' });
    expect((await set.getState()).watchMode).toBe('native');
    expect(store.get().watchModes).toEqual({ [folder!.root!]: 'native' });

    // The new watcher sees changes; the index was kept.
    const app = tree.apps[0]!;
    const id = newId();
    const seen = new Set<string>();
    set.onEvent((e) => e.type === 'sessions' && e.upserted.forEach((r) => seen.add(r.id)));
    await set.listSessions(app.folder);
    writeFileSync(join(tree.root, app.folder, id), sessionText(app, id, 1));
    await waitFor(() => seen.has(id), 'a file added after the switch');
    expect((await set.recheck()).files).toBeGreaterThanOrEqual(11);

    await set.close();
    const again = await openSet(store);
    expect((await again.listFolders())[0]?.watch).toMatchObject({ mode: 'native', reason: 'chosen' });
    await again.setWatchMode(folder!.id, 'auto');
    expect(store.get().watchModes).toEqual({});
    expect((await again.getState()).watch).toMatchObject({ mode: 'polling', reason: 'network' });
  });

  it('refuses an unknown folder id', async () => {
    tree = makeTree(1, 1);
    const { store } = await SettingsStore.open(tree.dataDir);
    const set = await openSet(store);
    await expect(set.setWatchMode('ffffffffffff', 'polling')).rejects.toMatchObject({ code: 'not-found' });
  });
});

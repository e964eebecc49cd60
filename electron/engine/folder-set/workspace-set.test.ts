// Several folders open at once, on real temporary MobileApps folders: switching,
// per-folder unpushed counts, and one vanished share not disturbing the others.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent, FolderSummary } from '../../../shared/types';
import { dispatch } from '../api-dispatch';
import { makeTree, newId, recordEvents, sessionText, waitFor, type TempTree } from '../testing/engine-fixtures';
import { DEMO_FOLDER_ID, folderIdOf, folderLabel, WorkspaceSet } from './workspace-set';

const trees: TempTree[] = [];
const sets: WorkspaceSet[] = [];
let dataDir = '';

afterEach(async () => {
  await Promise.all(sets.splice(0).map((s) => s.close()));
  for (const t of trees.splice(0)) t.cleanup();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = '';
});

function tree(perApp = 3, apps = 2): TempTree {
  const t = makeTree(perApp, apps);
  trees.push(t);
  return t;
}

function newSet(extra: Partial<ConstructorParameters<typeof WorkspaceSet>[0]> = {}): WorkspaceSet {
  dataDir = mkdtempSync(join(tmpdir(), 'msm-set-data-'));
  const set = new WorkspaceSet({ platform: 'linux', version: 'test', dataDir, healthIntervalMs: 0, ...extra });
  sets.push(set);
  return set;
}

function statusOnDisk(t: TempTree, app: string, id: string): unknown {
  return (JSON.parse(readFileSync(join(t.root, app, id), 'utf8')) as { status: unknown }).status;
}

function lastFolders(events: EngineEvent[]): FolderSummary[] {
  const all = events.filter((e): e is Extract<EngineEvent, { type: 'folders' }> => e.type === 'folders');
  return all.at(-1)?.folders ?? [];
}

describe('WorkspaceSet', () => {
  it('keeps several folders open, each with its own unpushed count; methods act on the active one', async () => {
    const a = tree();
    const b = tree();
    const set = newSet();
    const { events } = recordEvents((l) => set.onEvent(l));
    await set.add(a.root);
    const stateB = await set.add(b.root);
    expect(stateB.root).toBe(b.root);
    let folders = await set.listFolders();
    expect(folders.map((f) => [f.root, f.active])).toEqual([
      [a.root, false],
      [b.root, true],
    ]);
    expect(folders[0]?.id).toBe(folderIdOf(a.root));
    expect(folders.every((f) => f.phase === 'ready' && f.pending === 6)).toBe(true);

    const app = a.apps[0]!.folder; // both trees have the same app folder names
    const idA = a.ids.get(app)![0]!;
    const switched = await set.switchFolder(folders[0]!.id);
    expect(switched.root).toBe(a.root);
    expect(events.some((e) => e.type === 'state' && e.state.root === a.root)).toBe(true);

    const result = await set.setStatus([{ app, id: idA }], 'accepted');
    expect(result.done).toHaveLength(1);
    expect(statusOnDisk(a, app, idA)).toBe('accepted');
    await waitFor(
      () => lastFolders(events).find((f) => f.root === a.root)?.unpushed === 1,
      'folder A shows one unpushed change',
    );
    folders = await set.listFolders();
    expect(folders.map((f) => [f.unpushed, f.pending])).toEqual([
      [1, 5],
      [0, 6],
    ]);
    // The same folder again: switched to, not opened twice.
    await set.add(join(b.root, '..'));
    expect((await set.listFolders()).map((f) => f.active)).toEqual([false, true]);
    expect((await set.getState()).unpushed).toBe(0);
  });

  it('forwards only the active folder’s changes, and every folder’s counts in "folders" events', async () => {
    const a = tree();
    const b = tree();
    const set = newSet();
    await set.add(a.root);
    await set.add(b.root); // active
    await set.listSessions(b.apps[0]!.folder);
    const { events } = recordEvents((l) => set.onEvent(l));
    const app = a.apps[0]!;
    const id = newId();
    writeFileSync(join(a.root, app.folder, id), sessionText(app, id, 1, 'pending'));
    await waitFor(
      () => lastFolders(events).find((f) => f.root === a.root)?.pending === 7,
      'folder A counts the new pending session',
    );
    expect(events.some((e) => e.type === 'sessions' && e.upserted.some((r) => r.id === id))).toBe(false);
    // 'new-pending' comes from every folder (notifications, the inbox), tagged with its folder.
    await waitFor(
      () => events.some((e) => e.type === 'new-pending' && e.sessions.some((r) => r.id === id)),
      'folder A’s new pending session',
    );
    const fresh = events.flatMap((e) => (e.type === 'new-pending' ? e.sessions : [])).find((r) => r.id === id);
    expect(fresh?.folder).toBe(folderIdOf(a.root));

    const idB = newId();
    writeFileSync(join(b.root, app.folder, idB), sessionText(app, idB, 2, 'pending'));
    await waitFor(
      () => events.some((e) => e.type === 'sessions' && e.upserted.some((r) => r.id === idB)),
      'the active folder’s delta',
    );
  });

  it('a folder whose root vanishes shows an error; the other keeps editing and emitting deltas; it recovers', async () => {
    const a = tree();
    const b = tree();
    const set = newSet();
    const { events } = recordEvents((l) => set.onEvent(l));
    await set.add(a.root);
    await set.add(b.root);
    rmSync(a.root, { recursive: true, force: true });
    await set.checkHealth();
    await waitFor(() => lastFolders(events).find((f) => f.root === a.root)?.phase === 'error', 'folder A in error');
    const summaryA = lastFolders(events).find((f) => f.root === a.root)!;
    expect(summaryA.error).toMatch(/no longer there/);
    expect(lastFolders(events).find((f) => f.root === b.root)?.phase).toBe('ready');

    // B is active and untouched: edits work and outside changes arrive as deltas.
    const app = b.apps[1]!.folder;
    const idB = b.ids.get(app)![0]!;
    await set.listSessions(app);
    expect((await set.setStatus([{ app, id: idB }], 'accepted')).failed).toEqual([]);
    expect(statusOnDisk(b, app, idB)).toBe('accepted');
    const spec = b.apps[1]!;
    const fresh = newId();
    writeFileSync(join(b.root, app, fresh), sessionText(spec, fresh, 3));
    await waitFor(
      () => events.some((e) => e.type === 'sessions' && e.upserted.some((r) => r.id === fresh)),
      'a delta from folder B',
    );

    // Switching to A shows its error as the state; when the share is back it reopens.
    const stateA = await set.switchFolder(summaryA.id);
    expect(stateA.phase).toBe('error');
    expect(stateA.error).toMatch(/no longer there/);
    mkdirSync(join(a.root, spec.folder), { recursive: true });
    writeFileSync(join(a.root, spec.folder, fresh), sessionText(spec, fresh, 3));
    await set.checkHealth();
    await waitFor(() => lastFolders(events).find((f) => f.root === a.root)?.phase === 'ready', 'folder A back');
    const back = await set.getState();
    expect(back.phase).toBe('ready');
    expect(back.apps.map((x) => x.counts.total)).toEqual([1]);
  });

  it('a folder that cannot be opened stays listed with its error; the others are unaffected', async () => {
    const a = tree();
    const set = newSet();
    await set.add(a.root);
    const missing = join(a.base, 'no-such-share');
    await expect(set.add(missing)).rejects.toMatchObject({ code: 'no-folder' });
    const folders = await set.listFolders();
    expect(folders).toHaveLength(2);
    expect(folders[1]).toMatchObject({ root: missing, phase: 'error', active: true });
    expect(folders[1]?.error).toMatch(/does not exist/);
    const back = await set.switchFolder(folders[0]!.id);
    expect(back.phase).toBe('ready');
    expect((await set.listPending()).length).toBe(6);
  });

  it('closing the active folder switches to another; closing the last one opens the demo', async () => {
    const a = tree();
    const b = tree();
    const remembered: [string[], string | null][] = [];
    const set = newSet({ onFoldersChanged: (f, act) => remembered.push([f, act]) });
    await set.add(a.root);
    await set.add(b.root);
    const [fa, fb] = await set.listFolders();
    let left = await set.closeFolder(fb!.id);
    expect(left.map((f) => [f.id, f.active])).toEqual([[fa!.id, true]]);
    expect((await set.getState()).root).toBe(a.root);
    expect(remembered.at(-1)).toEqual([[a.root], a.root]);
    left = await set.closeFolder(fa!.id);
    expect(left.map((f) => [f.id, f.isDemo, f.active])).toEqual([[DEMO_FOLDER_ID, true, true]]);
    expect((await set.getState()).isDemo).toBe(true);
    expect(remembered.at(-1)).toEqual([[], null]);
    await expect(set.switchFolder('nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('open() replaces the active folder; chooseFolder and addFolder follow the picker', async () => {
    const a = tree();
    const b = tree();
    const c = tree();
    let pick: string | null = null;
    const set = newSet({ chooseFolder: async () => pick });
    await set.add(a.root);
    await set.add(b.root);
    await set.open(c.root);
    expect((await set.listFolders()).map((f) => f.root)).toEqual([a.root, c.root]);
    expect(await set.addFolder()).toBeNull();
    pick = b.root;
    expect((await set.addFolder())?.root).toBe(b.root);
    expect((await set.listFolders()).map((f) => f.root)).toEqual([a.root, c.root, b.root]);
    pick = a.root;
    expect((await set.chooseFolder())?.root).toBe(a.root); // already open: switched to
    expect((await set.listFolders()).map((f) => [f.root, f.active])).toEqual([
      [a.root, true],
      [c.root, false],
      [b.root, false],
    ]);
  });

  it('restore() lists remembered folders in order, shows the remembered one, and keeps a vanished one with its error', async () => {
    const a = tree();
    const b = tree();
    const gone = join(a.base, 'gone', 'MobileApps');
    const opened: string[] = [];
    const set = newSet({ onFolderOpened: (root) => opened.push(root) });
    await set.restore([a.root, gone, b.root], b.root);
    expect(opened).toEqual([b.root]); // the shell's "last folder" is the one shown, not the last to finish
    const folders = await set.listFolders();
    expect(folders.map((f) => [f.root, f.phase, f.active])).toEqual([
      [a.root, 'ready', false],
      [gone, 'error', false],
      [b.root, 'ready', true],
    ]);
    expect((await set.getState()).root).toBe(b.root);
    await set.add(a.root); // the same folder: not listed twice
    expect(await set.listFolders()).toHaveLength(3);
  });

  it('answers the folder methods through dispatch, "unsupported" for addFolder without a picker', async () => {
    const a = tree();
    const set = newSet();
    await set.add(a.root);
    const listed = await dispatch(set, 'listFolders', []);
    expect(listed.ok && (listed.value as FolderSummary[]).length).toBe(1);
    expect(await dispatch(set, 'addFolder', [])).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(await dispatch(set, 'switchFolder', ['../x'])).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
  });

  it('listPending spans every open folder, newest first, each record tagged with its folder', async () => {
    const a = tree();
    const b = tree();
    const set = newSet();
    await set.add(a.root);
    await set.add(b.root);
    const [fa, fb] = await set.listFolders();
    const pending = await set.listPending();
    expect(pending).toHaveLength(12);
    expect(pending.filter((r) => r.folder === fa!.id)).toHaveLength(6);
    expect(pending.filter((r) => r.folder === fb!.id)).toHaveLength(6);
    for (let i = 1; i < pending.length; i++)
      expect(pending[i - 1]!.mtimeMs).toBeGreaterThanOrEqual(pending[i]!.mtimeMs);
    // A folder that went away is left out; the other still lists.
    rmSync(a.root, { recursive: true, force: true });
    await set.checkHealth();
    expect((await set.listPending()).map((r) => r.folder)).toEqual(Array(6).fill(fb!.id));
  });

  it('a bulk accept across two folders changes both on disk; one undo restores both', async () => {
    const a = tree();
    const b = tree();
    const set = newSet();
    await set.add(a.root);
    await set.add(b.root); // active
    const app = a.apps[0]!.folder; // both trees have the same app folder names
    const idA = a.ids.get(app)![0]!;
    const idB = b.ids.get(app)![1]!;
    const [fa, fb] = await set.listFolders();
    const refs = [
      { app, id: idA, folder: fa!.id },
      { app, id: idB, folder: fb!.id },
    ];
    const result = await dispatch(set, 'setStatus', [refs, 'accepted']);
    expect(result.ok).toBe(true);
    const value = (result as { value: { actionId: string | null; done: unknown[]; failed: unknown[] } }).value;
    expect(value.failed).toEqual([]);
    expect(value.done).toHaveLength(2);
    expect(statusOnDisk(a, app, idA)).toBe('accepted');
    expect(statusOnDisk(b, app, idB)).toBe('accepted');
    expect(value.actionId).toEqual(expect.any(String));

    const undone = await set.undo(value.actionId!);
    expect(undone.failed).toEqual([]);
    expect(undone.done.map((r) => r.folder).sort()).toEqual([fa!.id, fb!.id].sort());
    expect(statusOnDisk(a, app, idA)).toBe('pending');
    expect(statusOnDisk(b, app, idB)).toBe('pending');
    await expect(set.undo(value.actionId!)).rejects.toMatchObject({ code: 'not-found' });

    // Across folders too, the result says which already had the value (tagged with their folder).
    await set.setStatus([refs[0]!], 'accepted');
    const again = await set.setStatus(refs, 'accepted');
    expect(again.unchanged).toEqual([refs[0]]);
    await set.undo(again.actionId!);
    await set.setStatus([refs[0]!], 'pending');

    // Delete across folders, undone in one go too.
    const del = await set.deleteSessions(refs);
    expect(del.done).toHaveLength(2);
    expect(existsSync(join(a.root, app, idA)) || existsSync(join(b.root, app, idB))).toBe(false);
    expect((await set.undo(del.actionId!)).done).toHaveLength(2);
    expect(statusOnDisk(a, app, idA)).toBe('pending');
    expect(statusOnDisk(b, app, idB)).toBe('pending');
  });

  it('refuses a ref naming an unknown folder (per ref), still acting on the others; the schema checks the id', async () => {
    const a = tree();
    const set = newSet();
    await set.add(a.root);
    const app = a.apps[0]!.folder;
    const id = a.ids.get(app)![0]!;
    const result = await set.setStatus(
      [
        { app, id, folder: 'feedbeef0000' },
        { app, id, folder: (await set.listFolders())[0]!.id },
      ],
      'accepted',
    );
    expect(result.done).toHaveLength(1);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]).toMatchObject({ ref: { folder: 'feedbeef0000' }, error: { code: 'not-found' } });
    expect(result.failed[0]!.error.message).toMatch(/No open folder has the id "feedbeef0000"/);
    expect(statusOnDisk(a, app, id)).toBe('accepted');
    expect(await dispatch(set, 'setStatus', [[{ app, id, folder: '../x' }], 'pending'])).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(statusOnDisk(a, app, id)).toBe('accepted');
  });

  it('labels folders by the folder that holds MobileApps', () => {
    expect(folderLabel('/Volumes/ServerA/MobileApps', false)).toBe('ServerA');
    expect(folderLabel('/srv/Acme/Data/MobileApps', false)).toBe(join('Acme', 'Data'));
    expect(folderLabel('/x/y', true)).toBe('Demo');
  });
});

// Issue 11's table, row by row, against the engine (Workspace: the same API the
// desktop app and browser mode call). Each test failed before the fix it names.

import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api-error';
import type { Problem, SessionRef } from '../../shared/types';
import { newId } from '../../electron/engine/testing/engine-fixtures';
import { Workspace } from '../../electron/engine/folder/workspace';
import { CANARY_EMAIL, CANARY_NAME, makeHostileTree, mkfifo, type HostileTree } from './hostile-tree';

const posix = process.platform !== 'win32';
let tree: HostileTree | null = null;
let ws: Workspace | null = null;
afterEach(async () => {
  await ws?.close();
  ws = null;
  tree?.cleanup();
  tree = null;
});

/** Waits (no timed assertion: a generous ceiling) until the state's problems satisfy `ok`. */
async function waitProblems(w: Workspace, ok: (p: Problem[]) => boolean, what: string): Promise<Problem[]> {
  for (let i = 0; i < 1000; i++) {
    const problems = (await w.getState()).problems;
    if (ok(problems)) return problems;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for: ${what}`);
}

async function openHostile(extra: { watchMode?: 'native' | 'polling'; pollIntervalMs?: number } = {}) {
  tree = makeHostileTree();
  ws = new Workspace({ platform: 'linux', version: 'test', dataDir: tree.dataDir, ...extra });
  const state = await ws.open(tree.root);
  return { t: tree, w: ws, state };
}

describe.runIf(posix)('a hostile MobileApps folder, through the engine API', () => {
  it('row 1: a FIFO named like a session is a problem; getSession, setStatus, deleteSessions answer at once', async () => {
    const { t, w, state } = await openHostile();
    const ref: SessionRef = { app: t.app, id: t.fifo };
    expect(state.problems.find((p) => p.file === t.fifo)?.code).toBe('not-regular');
    await expect(w.getSession(ref)).rejects.toMatchObject({
      code: 'invalid-session',
      message: expect.stringMatching(/named pipe/),
    });
    const set = await w.setStatus([ref], 'accepted');
    expect(set.failed[0]?.error.message).toMatch(/named pipe/);
    const del = await w.deleteSessions([ref]);
    expect(del.failed[0]?.error.message).toMatch(/named pipe/);
  });

  it('row 2: FIFOs created while the folder is watched become problems and block nothing', async () => {
    const { t, w } = await openHostile();
    const fifos = [newId(), newId(), newId(), newId(), newId()];
    for (const f of fifos) mkfifo(join(t.root, t.app, f));
    await waitProblems(
      w,
      (ps) => fifos.every((f) => ps.some((p) => p.file === f && p.code === 'not-regular')),
      'FIFO problems',
    );
    // The thread pool is free: a real read still answers.
    const id = t.ids.get(t.app)![0]!;
    expect((await w.getSession({ app: t.app, id })).record.id).toBe(id);
  });

  it('row 3: manifest.json that is a FIFO: open() finishes, refresh() finishes, the manifest is a problem', async () => {
    const { t, w, state } = await openHostile();
    const second = t.apps[1]!.folder;
    expect(state.phase).toBe('ready');
    expect(state.apps.find((a) => a.folder === second)).toBeDefined();
    const refreshed = await w.refresh();
    expect(refreshed.phase).toBe('ready');
    // The watcher's read of a new one does not hang either, and lists it.
    rmSync(join(t.root, second, 'manifest.json'));
    mkfifo(join(t.root, second, 'manifest.json'));
    await waitProblems(w, (ps) => ps.some((p) => p.app === second && p.file === 'manifest.json'), 'manifest problem');
  });

  it('row 3 (scan): the scan lists a FIFO manifest as a problem, as the watcher does', async () => {
    const { t, state } = await openHostile();
    const second = t.apps[1]!.folder;
    expect(state.problems.find((p) => p.app === second && p.file === 'manifest.json')?.code).toBe('not-regular');
  });

  it('row 4: a symlink out created while running is a problem, never a session; outside content never shown', async () => {
    const { t, w } = await openHostile();
    const link = newId();
    symlinkSync(t.canaryFile, join(t.root, t.app, link));
    const problems = await waitProblems(w, (ps) => ps.some((p) => p.file === link), 'link problem');
    const problem = problems.find((p) => p.file === link)!;
    expect(problem.code).toBe('not-regular');
    expect(problem.reason).toMatch(/symbolic link/);
    const all = JSON.stringify([await w.listSessions(t.app), await w.listPending(), await w.getState()]);
    expect(all).not.toContain(CANARY_EMAIL);
    expect(all).not.toContain(CANARY_NAME);
    // A rescan agrees with the watcher.
    const after = await w.refresh();
    expect(after.problems.find((p) => p.file === link)?.code).toBe('not-regular');
    // A link present at start, too.
    expect(after.problems.find((p) => p.file === t.symlinkOut)?.code).toBe('not-regular');
    await expect(w.getSession({ app: t.app, id: link })).rejects.toBeInstanceOf(ApiError);
  });

  it('row 5: manifest.json linked outside is never followed: the app name does not come from outside', async () => {
    const { w } = await openHostile();
    const state = await w.getState();
    expect(JSON.stringify(state.apps)).not.toContain(CANARY_NAME);
  });

  it('row 6: a 100,000-deep file is a problem, and getSession is a typed error', async () => {
    const { t, w, state } = await openHostile();
    expect(state.problems.find((p) => p.file === t.deep)?.code).toBe('too-deep');
    await expect(w.getSession({ app: t.app, id: t.deep })).rejects.toMatchObject({ code: 'invalid-session' });
  });

  it('row 9: duplicate "status" keys are flagged, and accept sets every occurrence', async () => {
    const { t, w } = await openHostile();
    const record = (await w.listSessions(t.app)).find((r) => r.id === t.duplicate)!;
    expect(record.warnings.map((x) => x.code)).toContain('duplicate-key');
    const res = await w.setStatus([{ app: t.app, id: t.duplicate }], 'accepted');
    expect(res.failed).toEqual([]);
    const text = readFileSync(join(t.root, t.app, t.duplicate), 'utf8');
    expect(text.match(/"status":\s*"(\w+)"/g)).toEqual(['"status": "accepted"', '"status": "accepted"']);
  });

  it('never reads or changes the canary outside the folder', async () => {
    const { t, w } = await openHostile();
    const before = t.canaryHash();
    await w.setStatus([{ app: t.app, id: t.symlinkOut }], 'pending');
    await w.deleteSessions([{ app: t.app, id: t.symlinkOut }]);
    expect(t.canaryHash()).toBe(before);
    rmSync(join(t.root, t.app, t.symlinkOut));
  });
});

// Undo only reverts what its action still stands for (a QA finding: clicking Undo on an
// older notice silently reverted later approvals, and the app then flagged its own undo
// as "overwritten by another program"). Real temporary folders.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorkspaceFixture } from '../testing/workspace-fixture';

const fixture = useWorkspaceFixture();

function onDisk(root: string, app: string, id: string): { status: unknown; email: unknown } {
  return JSON.parse(readFileSync(join(root, app, id), 'utf8')) as { status: unknown; email: unknown };
}

async function setUp(perApp = 2) {
  const tree = fixture.makeTree(perApp, 1); // fixture sessions are pending
  const app = tree.apps[0]!.folder;
  const [id, other] = tree.ids.get(app)!;
  const w = fixture.workspace();
  await w.open(tree.root);
  return { tree, app, ref: { app, id: id! }, other: { app, id: other! }, w };
}

describe('undo order', () => {
  it('an older action whose session a later action changed again is not undone there; newest first works', async () => {
    const { tree, ref, w } = await setUp();
    const a1 = await w.setStatus([ref], 'accepted');
    const a2 = await w.setStatus([ref], 'pending');
    const a3 = await w.setStatus([ref], 'accepted');

    const stale = await w.undo(a1.actionId!);
    expect(stale.done).toEqual([]);
    expect(stale.failed).toEqual([{ ref, error: expect.objectContaining({ code: 'conflict' }) }]);
    expect(stale.failed[0]!.error.message).toMatch(/changed again by a later action/);
    expect(onDisk(tree.root, ref.app, ref.id).status).toBe('accepted'); // a3 stands
    await w.overwritesSettled();
    expect(await w.listOverwritten()).toEqual([]); // our own work is never "overwritten"

    expect((await w.undo(a3.actionId!)).done).toEqual([ref]);
    expect(onDisk(tree.root, ref.app, ref.id).status).toBe('pending');
    expect((await w.undo(a2.actionId!)).done).toEqual([ref]);
    expect(onDisk(tree.root, ref.app, ref.id).status).toBe('accepted');
    await w.overwritesSettled();
    expect(await w.listOverwritten()).toEqual([]);
  });

  it('a file another program changed since is left as it is (conflict), the others are reverted', async () => {
    const { tree, ref, other, w } = await setUp();
    const act = await w.setEmail([ref, other], 'new@example.com');
    const path = join(tree.root, ref.app, ref.id);
    writeFileSync(path, readFileSync(path, 'utf8').replace('new@example.com', 'admin-typed@example.com'));
    const res = await w.undo(act.actionId!);
    expect(res.done).toEqual([other]);
    expect(res.failed.map((f) => [f.ref, f.error.code])).toEqual([[ref, 'conflict']]);
    expect(res.failed[0]!.error.message).toMatch(/changed since: its email is now "admin-typed@example.com"/);
    expect(onDisk(tree.root, ref.app, ref.id).email).toBe('admin-typed@example.com');
    expect(onDisk(tree.root, other.app, other.id).email).not.toBe('new@example.com');
  });

  it('a session that already had the value is not part of the undo (nothing was written to it)', async () => {
    const { tree, ref, other, w } = await setUp();
    await w.setStatus([other], 'accepted');
    const bulk = await w.setStatus([ref, other], 'accepted');
    expect(bulk.done).toHaveLength(2);
    expect(bulk.unchanged).toEqual([other]); // the front ends' notice counts it as "already accepted"
    const res = await w.undo(bulk.actionId!);
    expect(res.done).toEqual([ref]);
    expect(res.failed).toEqual([]);
    expect(onDisk(tree.root, other.app, other.id).status).toBe('accepted'); // the earlier action's value stays
    expect(onDisk(tree.root, ref.app, ref.id).status).toBe('pending');
  });
});

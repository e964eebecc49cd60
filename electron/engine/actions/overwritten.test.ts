// Overwritten approvals (issue 10 §1), on real temporary folders: another program
// writes a session back after the admin changed it, before a push. Absence of a
// 'new-pending' event is proven with a sentinel (events arrive in order).

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent, OverwrittenChange, PushResult } from '../../../shared/types';
import { noPushService, type PushService } from '../push/push-service';
import { newId, recordEvents, sessionText, waitFor, type TempTree } from '../testing/engine-fixtures';
import { useWorkspaceFixture } from '../testing/workspace-fixture';

const fixture = useWorkspaceFixture();

/** A push service whose server always answers OK. */
function okServer(): PushService & { pushes: number } {
  const s = {
    ...noPushService,
    pushes: 0,
    async push(): Promise<PushResult> {
      s.pushes++;
      return { outcome: 'success', message: 'OK', httpStatus: 200, durationMs: 1 };
    },
  };
  return s;
}

/** Rewrites a file the way another program would: new bytes, renamed into place. */
function writeBack(tree: TempTree, app: string, id: string, bytes: Buffer): void {
  const tmp = join(tree.base, `.tmp-${id}`);
  writeFileSync(tmp, bytes);
  renameSync(tmp, join(tree.root, app, id));
}

function lastOverwritten(events: EngineEvent[]): OverwrittenChange[] | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as EngineEvent;
    if (e.type === 'overwritten') return e.sessions;
  }
  return null;
}

async function setUp(extra: Parameters<ReturnType<typeof useWorkspaceFixture>['workspace']>[0] = {}) {
  const tree = fixture.makeTree(2, 1); // fixture sessions are pending
  const app = tree.apps[0]!.folder;
  const id = tree.ids.get(app)![0]!;
  const original = readFileSync(join(tree.root, app, id));
  const w = fixture.workspace(extra);
  const rec = recordEvents((l) => w.onEvent(l));
  await w.open(tree.root);
  const ref = { app, id };
  const result = await w.setStatus([ref], 'accepted');
  expect(result.done).toEqual([ref]);
  const writeBackAgain = () => writeBack(tree, app, id, original);
  return { tree, app, id, ref, original, w, events: rec.events, writeBackAgain };
}

describe('overwritten approvals', () => {
  it('an accepted session written back as pending is overwritten: event, list, audit, preflight; no new-pending', async () => {
    const { tree, app, id, ref, original, w, events } = await setUp();
    writeBack(tree, app, id, original); // every byte as before: "status":"pending"

    await waitFor(() => (lastOverwritten(events)?.length ?? 0) > 0, 'the overwritten event');
    const expected = [{ ref, field: 'status', set: 'accepted', now: 'pending' }];
    expect(lastOverwritten(events)).toEqual(expected);
    expect(await w.listOverwritten()).toEqual(expected);

    const report = await w.preflight();
    expect(report.overwritten).toEqual(expected);

    const audit = await w.readAuditLog({ action: 'overwritten' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.sessions).toEqual([{ app, id, before: { status: 'accepted' }, after: { status: 'pending' } }]);
    expect(audit[0]!.message).toMatch(/overwritten/);

    // The inbox does not announce it as a new device: a sentinel's event arrives, the overwritten one never did.
    const sentinel = newId();
    writeBack(tree, app, sentinel, Buffer.from(sessionText(tree.apps[0]!, sentinel, 9)));
    await waitFor(
      () => events.some((e) => e.type === 'new-pending' && e.sessions.some((s) => s.id === sentinel)),
      'sentinel',
    );
    const announced = events.flatMap((e) => (e.type === 'new-pending' ? e.sessions.map((s) => s.id) : []));
    expect(announced).toEqual([sentinel]);
  });

  it('Push says which change the server will not see, keeps it unpushed; Apply again fixes it', async () => {
    const server = okServer();
    const { tree, app, id, ref, original, w, events } = await setUp({ push: server });
    writeBack(tree, app, id, original);
    await waitFor(() => (lastOverwritten(events)?.length ?? 0) > 0, 'the overwritten event');

    const pushed = await w.push();
    expect(pushed.outcome).toBe('incomplete');
    expect(pushed.notSeen).toEqual([{ ref, field: 'status', set: 'accepted', now: 'pending' }]);
    expect(pushed.message).toContain(id);
    expect((await w.getState()).unpushed).toBe(1);

    const again = await w.reapplyOverwritten([ref]);
    expect(again.done).toEqual([ref]);
    expect(JSON.parse(readFileSync(join(tree.root, app, id), 'utf8')).status).toBe('accepted');
    await waitFor(() => lastOverwritten(events)?.length === 0, 'the overwritten list emptied');
    expect(await w.listOverwritten()).toEqual([]);
    expect((await w.preflight()).overwritten).toEqual([]);
    expect((await w.push()).outcome).toBe('success');
    expect((await w.getState()).unpushed).toBe(0);
  });

  it('Dismiss keeps the file as it is and removes the warning; both are in the Activity log', async () => {
    const { tree, app, id, ref, original, w, events } = await setUp();
    writeBack(tree, app, id, original);
    await waitFor(() => (lastOverwritten(events)?.length ?? 0) > 0, 'the overwritten event');
    const out = await w.dismissOverwritten([ref]);
    expect(out.done).toEqual([ref]);
    expect(readFileSync(join(tree.root, app, id))).toEqual(original);
    await waitFor(() => lastOverwritten(events)?.length === 0, 'the overwritten list emptied');
    expect((await w.preflight()).overwritten).toEqual([]);
    expect(await w.readAuditLog({ action: 'overwritten' })).toHaveLength(2);
  });

  it('Apply again and Dismiss answer with the list already current (a front end reads it right after)', async () => {
    // The renderer reads listOverwritten as soon as the answer returns; in browser mode the
    // 'overwritten' event may arrive before that read's response, so the read must not be stale.
    const first = await setUp();
    writeBack(first.tree, first.app, first.id, first.original);
    await waitFor(() => (lastOverwritten(first.events)?.length ?? 0) > 0, 'the overwritten event');
    await first.w.reapplyOverwritten([first.ref]);
    expect(await first.w.listOverwritten()).toEqual([]);
    expect(lastOverwritten(first.events)).toEqual([]);

    first.writeBackAgain();
    await waitFor(() => (lastOverwritten(first.events)?.length ?? 0) > 0, 'the second overwritten event');
    await first.w.dismissOverwritten([first.ref]);
    expect(await first.w.listOverwritten()).toEqual([]);
    expect(lastOverwritten(first.events)).toEqual([]);
  });

  it('survives a restart: a new workspace on the same data dir lists the overwrite found on open', async () => {
    const { tree, app, id, ref, original, w } = await setUp();
    await w.close();
    writeBack(tree, app, id, original); // while no app watches
    const again = fixture.workspace();
    await again.open(tree.root);
    await again.overwritesSettled();
    expect(await again.listOverwritten()).toEqual([{ ref, field: 'status', set: 'accepted', now: 'pending' }]);
  });

  it('a value set by another of our processes (its own unpushed store) is no overwrite', async () => {
    const { ref, w, tree } = await setUp();
    const other = fixture.workspace(); // same data dir, its own UnpushedStore: another process
    await other.open(tree.root);
    await other.setStatus([ref], 'pending');
    await other.readAuditLog({}); // its audit entry and unpushed change are on disk
    await w.refresh();
    await w.overwritesSettled();
    expect(await w.listOverwritten()).toEqual([]);
  });

  it('re-reads the pushed sessions after the push and reports one changed away', async () => {
    const { tree, app, id, ref, original, w, events } = await setUp({ push: okServer(), pushVerifyDelayMs: 300 });
    expect((await w.push()).outcome).toBe('success');
    writeBack(tree, app, id, original); // the server sets it back right after reloading
    await waitFor(() => events.some((e) => e.type === 'changed-after-push'), 'changed-after-push event');
    const e = events.find((x) => x.type === 'changed-after-push');
    expect(e?.type === 'changed-after-push' && e.sessions).toEqual([
      { ref, field: 'status', set: 'accepted', now: 'pending' },
    ]);
    const audit = await w.readAuditLog({ action: 'overwritten' });
    expect(audit.some((a) => /after it was pushed/.test(a.message ?? ''))).toBe(true);
  });
});

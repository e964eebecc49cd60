// 'new-pending' events (notifications, approval inbox) and listPending, on real
// temporary folders. Absence is proven without timed waits: after the actions under
// test, a sentinel file is written from outside and we wait for ITS event; events
// arrive in order, so anything the actions would have caused has arrived by then.

import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent, SessionRecord } from '../../../shared/types';
import { EventBatcher } from './event-batcher';
import { IndexUpdater } from './index-updater';
import { SessionIndex } from './session-index';
import { appSpecs, newId, recordEvents, sessionText, waitFor, type TempTree } from '../testing/engine-fixtures';
import { useWorkspaceFixture } from '../testing/workspace-fixture';

const fixture = useWorkspaceFixture();
const workspace = fixture.workspace;
let tree: TempTree | null = null;

/** Writes a session file the way another program would: complete, then renamed into place. */
function writeExternal(appIndex: number, id: string, status: 'accepted' | 'pending', i = 1): void {
  const app = tree!.apps[appIndex]!;
  const tmp = join(tree!.base, `.tmp-${id}`);
  writeFileSync(tmp, sessionText(app, id, i, status));
  renameSync(tmp, join(tree!.root, app.folder, id));
}

function pendingIds(events: EngineEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'new-pending' ? e.sessions.map((s) => s.id) : []));
}

/** Writes a new pending session from outside and waits for its event. */
async function sentinel(events: EngineEvent[]): Promise<string> {
  const id = newId();
  writeExternal(0, id, 'pending');
  await waitFor(() => pendingIds(events).includes(id), 'the sentinel new-pending event');
  return id;
}

describe('new-pending events', () => {
  it('none for the initial scan; exactly one for a pending file written from outside', async () => {
    tree = fixture.makeTree(5, 2); // every fixture session is pending
    const w = workspace();
    const { events } = recordEvents((l) => w.onEvent(l));
    await w.open(tree.root);

    const id = newId();
    writeExternal(1, id, 'pending');
    await waitFor(() => pendingIds(events).includes(id), 'new-pending event');
    const event = events.find((e) => e.type === 'new-pending');
    expect(event?.type === 'new-pending' && event.sessions[0]).toMatchObject({
      app: tree.apps[1]!.folder,
      id,
      status: 'pending',
    });
    // The row itself arrived first (a 'sessions' event) for listeners that show it.
    const sessionsAt = events.findIndex((e) => e.type === 'sessions' && e.upserted.some((r) => r.id === id));
    expect(sessionsAt).toBeGreaterThanOrEqual(0);
    expect(sessionsAt).toBeLessThan(events.indexOf(event!));

    const last = await sentinel(events);
    expect(pendingIds(events)).toEqual([id, last]);
  });

  it('one event when a session is switched to pending from outside; none when it is accepted', async () => {
    tree = fixture.makeTree(2, 1);
    const w = workspace();
    await w.open(tree.root);
    const [a, b] = tree.ids.get(tree.apps[0]!.folder)!;
    const { events } = recordEvents((l) => w.onEvent(l));
    writeExternal(0, a!, 'accepted');
    writeExternal(0, b!, 'accepted');
    const accepted = (id: string) =>
      events.some((e) => e.type === 'sessions' && e.upserted.some((r) => r.id === id && r.status === 'accepted'));
    await waitFor(() => accepted(a!) && accepted(b!), 'both accepted seen');
    writeExternal(0, a!, 'pending', 2);
    await waitFor(() => pendingIds(events).includes(a!), 'flip event');
    const last = await sentinel(events);
    expect(pendingIds(events)).toEqual([a, last]);
  });

  it('none for our own edits, deletes and undos, even to pending', async () => {
    tree = fixture.makeTree(3, 1);
    const w = workspace();
    await w.open(tree.root);
    const app = tree.apps[0]!.folder;
    const refs = tree.ids.get(app)!.map((id) => ({ app, id }));
    const { events } = recordEvents((l) => w.onEvent(l));

    const accept = await w.setStatus(refs, 'accepted');
    const back = await w.setStatus(refs.slice(0, 2), 'pending'); // our own edit to pending
    await w.undo(back.actionId!); // accepted again
    await w.undo(accept.actionId!); // pending again, by undo
    const del = await w.deleteSessions(refs);
    await w.undo(del.actionId!); // pending files reappear, by undo
    await w.setEmail(refs.slice(0, 1), 'x@example.com');

    const last = await sentinel(events);
    expect(pendingIds(events)).toEqual([last]);
  });

  it('announces the pending sessions of an app folder that appears after opening', async () => {
    tree = fixture.makeTree(1, 1);
    const w = workspace();
    await w.open(tree.root);
    const { events } = recordEvents((l) => w.onEvent(l));
    const spec = appSpecs(2)[1]!; // not in the tree (it has one app)
    const staging = join(tree.base, 'staging');
    mkdirSync(staging);
    const ids = [newId(), newId()];
    writeFileSync(join(staging, ids[0]!), sessionText(spec, ids[0]!, 0, 'pending'));
    writeFileSync(join(staging, ids[1]!), sessionText(spec, ids[1]!, 1, 'accepted'));
    renameSync(staging, join(tree.root, spec.folder));
    await waitFor(() => pendingIds(events).includes(ids[0]!), 'new folder pending event');
    const last = await sentinel(events);
    expect(pendingIds(events)).toEqual([ids[0], last]);
  });

  it('polling mode: none for the first poll; a refresh announces what the watcher has not seen yet', async () => {
    tree = fixture.makeTree(3, 1);
    const w = workspace({ watchMode: 'polling', pollIntervalMs: 600_000 });
    const { events } = recordEvents((l) => w.onEvent(l));
    await w.open(tree.root);
    await waitFor(() => w.timings.watchReadyMs >= 0, 'first poll');
    const id = newId();
    writeExternal(0, id, 'pending'); // the next poll is 10 minutes away
    await w.refresh();
    await waitFor(() => pendingIds(events).length > 0, 'new-pending after refresh');
    expect(pendingIds(events)).toEqual([id]);
    await w.refresh(); // already known: no second event
    await w.setStatus([{ app: tree.apps[0]!.folder, id }], 'accepted');
    await w.refresh(); // refresh flushes its events before it resolves
    expect(pendingIds(events)).toEqual([id]);
  });
});

describe('EventBatcher new-pending', () => {
  function record(id: string, status: 'pending' | 'accepted'): SessionRecord {
    return {
      app: 'A',
      id,
      status,
      email: '',
      deviceDescription: '',
      deviceId: '',
      os: 'iOS',
      osVersion: '',
      simulator: false,
      language: '',
      ip: '',
      appVersion: '',
      mtimeMs: 1,
      size: 1,
      warnings: [],
    };
  }

  it('drops a queued session that is accepted or removed before the flush, after the sessions event', () => {
    const events: EngineEvent[] = [];
    const b = new EventBatcher(
      {
        state: () => {
          throw new Error('unused');
        },
        apps: () => [],
        problems: () => [],
        unpushed: () => 0,
      },
      (e) => events.push(e),
      60_000,
    );
    for (const id of ['p1', 'p2', 'p3']) {
      b.newPending(record(id, 'pending'));
      b.upsert('A', [record(id, 'pending')]);
    }
    b.upsert('A', [record('p2', 'accepted')]);
    b.remove('A', ['p3']);
    b.flush();
    b.close();
    expect(events.map((e) => e.type)).toEqual(['sessions', 'new-pending']);
    expect(pendingIds(events)).toEqual(['p1']);
  });
});

describe('IndexUpdater: the echo of our own writes is never new', () => {
  it('ignores reads while we write and reads of exactly what we wrote; a later outside write is news', async () => {
    tree = fixture.makeTree(0, 1);
    const app = tree.apps[0]!.folder;
    const events: EngineEvent[] = [];
    const batcher = new EventBatcher(
      {
        state: () => {
          throw new Error('unused');
        },
        apps: () => [],
        problems: () => [],
        unpushed: () => 0,
      },
      (e) => events.push(e),
      1,
    );
    const index = new SessionIndex();
    index.ensureApp(app).scanned = true;
    const updater = new IndexUpdater(tree.root, index, batcher);
    const seen = (id: string, status: string) =>
      events.some((e) => e.type === 'sessions' && e.upserted.some((r) => r.id === id && r.status === status));
    try {
      const id = newId();
      // 1. The watcher reads the file while our write is in flight (before our own index update).
      updater.beginOwnWrite(app, id);
      writeExternal(0, id, 'pending');
      updater.file(app, id);
      await waitFor(() => seen(id, 'pending'), 'echo read');
      const st = statSync(join(tree.root, app, id));
      updater.endOwnWrite(app, id, { mtimeMs: st.mtimeMs, size: st.size });
      // 2. We wrote again since (accepted); a late read of the earlier write had put its status in the index.
      updater.beginOwnWrite(app, id);
      updater.endOwnWrite(app, id, { mtimeMs: st.mtimeMs + 5, size: st.size - 1 });
      index.upsert({ ...index.apps.get(app)!.sessions.get(id)!, status: 'accepted', mtimeMs: 1 });
      updater.file(app, id);
      await waitFor(() => index.apps.get(app)!.sessions.get(id)!.status === 'pending', 'second echo read');
      expect(pendingIds(events)).toEqual([]);
      // 3. Someone else accepts it, then sets it back to pending: that is news.
      writeExternal(0, id, 'accepted', 2);
      updater.file(app, id);
      await waitFor(() => seen(id, 'accepted'), 'outside accept');
      writeExternal(0, id, 'pending', 3);
      updater.file(app, id);
      await waitFor(() => pendingIds(events).length > 0, 'outside pending');
      expect(pendingIds(events)).toEqual([id]);
    } finally {
      updater.close();
      batcher.close();
    }
  });
});

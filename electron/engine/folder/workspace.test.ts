import { existsSync, readFileSync, symlinkSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api-error';
import type { PushResult } from '../../../shared/types';
import { newId, recordEvents, sessionText, waitFor, type TempTree } from '../testing/engine-fixtures';
import { noPushService, type PushService } from '../push/push-service';
import { trashDir } from '../paths';
import { useWorkspaceFixture } from '../testing/workspace-fixture';

const fixture = useWorkspaceFixture();
const workspace = fixture.workspace;
let tree: TempTree | null = null;

function statusOnDisk(app: string, id: string): unknown {
  return (JSON.parse(readFileSync(join(tree!.root, app, id), 'utf8')) as { status: unknown }).status;
}

describe('Workspace', () => {
  it('opens a folder (or its data folder), reports apps with counts to listeners', async () => {
    tree = fixture.makeTree(3, 3);
    const w = workspace();
    const { events } = recordEvents((l) => w.onEvent(l));
    const state = await w.open(tree.base); // the data folder containing MobileApps
    expect(state.phase).toBe('ready');
    expect(state.root?.endsWith('MobileApps')).toBe(true);
    expect(state.apps.map((a) => a.counts.total)).toEqual([3, 3, 3]);
    expect(state.apps.map((a) => a.platform).sort()).toEqual(['android', 'ios', 'ios']);
    const ready = events.find((e) => e.type === 'state' && e.state.phase === 'ready');
    expect(ready?.type === 'state' && ready.state.apps.map((a) => a.counts.total)).toEqual([3, 3, 3]);
    const app = tree.apps[0]!.folder;
    expect((await w.listSessions(app)).map((r) => r.id).sort()).toEqual([...tree.ids.get(app)!].sort());
  });

  it('streams the rest of an app listed during the scan as session events', async () => {
    tree = fixture.makeTree(1500, 3);
    const w = workspace();
    const app = tree.apps[0]!.folder;
    const { events } = recordEvents((l) => w.onEvent(l));
    const listed: string[] = [];
    let asked = false;
    const off = w.onEvent((e) => {
      if (!asked && e.type === 'apps' && e.apps.some((a) => a.folder === app && a.counts.total > 0)) {
        asked = true;
        void w.listSessions(app).then((rs) => listed.push(...rs.map((r) => r.id)));
      }
    });
    await w.open(tree.root);
    off();
    expect(asked).toBe(true);
    const ids = new Set(listed);
    for (const e of events) if (e.type === 'sessions' && e.app === app) for (const r of e.upserted) ids.add(r.id);
    expect([...ids].sort()).toEqual([...tree.ids.get(app)!].sort());
  });

  it('gives phase "error" with a clear message and rejects for a missing folder', async () => {
    tree = fixture.makeTree(0, 0);
    const w = workspace();
    await expect(w.open(join(tree.base, 'nope'))).rejects.toMatchObject({ code: 'no-folder' });
    const state = await w.getState();
    expect(state.phase).toBe('error');
    expect(state.error).toMatch(/does not exist/);
  });

  it('edits status and email for many sessions, updates index and disk at once, and undoes', async () => {
    tree = fixture.makeTree(3, 2);
    const w = workspace();
    await w.open(tree.root);
    const app = tree.apps[0]!.folder;
    const [a, b] = tree.ids.get(app)!;
    const refs = [
      { app, id: a! },
      { app, id: b! },
      { app, id: 'ABCDEF0123456789' },
    ];
    const res = await w.setStatus(refs, 'accepted');
    expect(res.done).toHaveLength(2);
    expect(res.failed).toHaveLength(1);
    expect(res.failed[0]?.error.code).toBe('not-found');
    expect(res.actionId).toBeTruthy();
    expect(statusOnDisk(app, a!)).toBe('accepted');
    expect((await w.listSessions(app)).find((r) => r.id === a)?.status).toBe('accepted');
    expect((await w.getState()).apps.find((x) => x.folder === app)?.counts.accepted).toBe(2);
    expect((await w.getState()).unpushed).toBe(2); // sessions changed, not actions

    const mail = await w.setEmail([{ app, id: a! }], 'new@example.org');
    expect(mail.done).toHaveLength(1);
    expect((await w.getSession({ app, id: a! })).json['email']).toBe('new@example.org');
    expect((await w.getState()).unpushed).toBe(2);

    await w.undo(mail.actionId!);
    expect((await w.getSession({ app, id: a! })).record.email).toBe('user0@example.com');
    await w.undo(res.actionId!);
    expect(statusOnDisk(app, a!)).toBe('pending');
    expect((await w.listSessions(app)).every((r) => r.status === 'pending')).toBe(true);
    expect((await w.getState()).unpushed).toBe(0);
    await expect(w.undo(res.actionId!)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('emits at most one upsert for our own edit (the watcher does not echo it)', async () => {
    tree = fixture.makeTree(1, 1);
    const w = workspace();
    await w.open(tree.root);
    const app = tree.apps[0]!.folder;
    const id = tree.ids.get(app)![0]!;
    const { events } = recordEvents((l) => w.onEvent(l));
    await w.setStatus([{ app, id }], 'accepted');
    await new Promise((r) => setTimeout(r, 300)); // let the watcher see the rename
    const upserts = events.filter((e) => e.type === 'sessions' && e.upserted.some((r) => r.id === id));
    expect(upserts).toHaveLength(1);
  });

  it('deletes to the trash outside MobileApps and undo restores the exact bytes', async () => {
    tree = fixture.makeTree(2, 1);
    const w = workspace();
    await w.open(tree.root);
    const app = tree.apps[0]!.folder;
    const id = tree.ids.get(app)![0]!;
    const path = join(tree.root, app, id);
    const bytes = readFileSync(path);
    const res = await w.deleteSessions([{ app, id }]);
    expect(res.done).toEqual([{ app, id }]);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(trashDir(tree.dataDir))).toBe(true);
    expect((await w.listSessions(app)).map((r) => r.id)).not.toContain(id);
    await w.undo(res.actionId!);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect((await w.listSessions(app)).map((r) => r.id)).toContain(id);
  });

  it('keeps the unpushed count across a new Workspace, and push success resets it', async () => {
    tree = fixture.makeTree(2, 1);
    const app = tree.apps[0]!.folder;
    const [a, b] = tree.ids.get(app)!;
    const first = workspace();
    await first.open(tree.root);
    await first.setStatus(
      [
        { app, id: a! },
        { app, id: b! },
      ],
      'accepted',
    );
    await first.setEmail([{ app, id: a! }], '');
    await first.close();

    const pushes: string[] = [];
    const push: PushService = {
      push: async (root): Promise<PushResult> => (
        pushes.push(root),
        { outcome: 'success', message: 'ok', durationMs: 1 }
      ),
      testConnection: async () => ({ outcome: 'success', message: 'ok', durationMs: 1 }),
      getSettings: async () => ({ ...(await noPushService.getSettings('')), url: 'http://x', hasSecret: true }),
      setSettings: async () => ({ ...(await noPushService.getSettings('')), url: 'http://x', hasSecret: true }),
      sessionRules: noPushService.sessionRules,
    };
    const second = workspace({ push });
    const state = await second.open(tree.root);
    expect(state.unpushed).toBe(2);
    const report = await second.preflight();
    expect(report.checked).toBe(2);
    expect(report.issues).toEqual([]);
    const { events } = recordEvents((l) => second.onEvent(l));
    expect((await second.push()).outcome).toBe('success');
    expect(pushes).toEqual([state.root]);
    expect((await second.getState()).unpushed).toBe(0);
    await waitFor(() => events.some((e) => e.type === 'unpushed' && e.count === 0), 'unpushed event');
  });

  it('pre-flight lists what the server would drop among the changed sessions', async () => {
    tree = fixture.makeTree(1, 1);
    const app = tree.apps[0]!;
    const w = workspace();
    const id = newId();
    // A session whose file name does not match its session.id.
    writeFileSync(join(tree.root, app.folder, id), sessionText(app, newId(), 1));
    await w.open(tree.root);
    await w.setStatus([{ app: app.folder, id }], 'accepted');
    const report = await w.preflight();
    expect(report.issues[0]?.ref).toEqual({ app: app.folder, id });
    expect(report.issues[0]?.warnings.map((x) => x.code)).toContain('id-mismatch');
  });

  it('refuses refs that escape the root', async () => {
    tree = fixture.makeTree(1, 1);
    const w = workspace();
    await w.open(tree.root);
    const outside = mkdtempSync(join(tmpdir(), 'msm-outside-'));
    writeFileSync(join(outside, 'ABCDEF0123456789'), sessionText(tree.apps[0]!, 'ABCDEF0123456789', 1));
    symlinkSync(outside, join(tree.root, 'com.example.link'));
    for (const ref of [
      { app: '..', id: 'ABCDEF0123456789' },
      { app: '../x', id: 'ABCDEF0123456789' },
      { app: tree.apps[0]!.folder, id: '../../etc/passwd' },
      { app: 'com.example.link', id: 'ABCDEF0123456789' },
    ]) {
      await expect(w.getSession(ref)).rejects.toBeInstanceOf(ApiError);
      await expect(w.getSession(ref)).rejects.toMatchObject({ code: 'outside-root' });
      const res = await w.setStatus([ref], 'accepted');
      expect(res.failed[0]?.error.code).toBe('outside-root');
    }
    expect((await w.getState()).apps.map((a) => a.folder)).not.toContain('com.example.link');
  });

  it('refresh rescans and emits only what differs; reveal and chooseFolder follow the host', async () => {
    tree = fixture.makeTree(2, 1);
    const revealed: string[] = [];
    const w = workspace({
      watchMode: 'polling',
      pollIntervalMs: 60_000,
      reveal: async (p) => (revealed.push(p), true),
    });
    await w.open(tree.root);
    const app = tree.apps[0]!;
    const id = newId();
    writeFileSync(join(tree.root, app.folder, id), sessionText(app, id, 7));
    const { events } = recordEvents((l) => w.onEvent(l));
    const state = await w.refresh();
    expect(state.apps[0]?.counts.total).toBe(3);
    await waitFor(() => events.some((e) => e.type === 'sessions'), 'refresh delta');
    const deltas = events.filter((e) => e.type === 'sessions');
    expect(deltas.flatMap((e) => (e.type === 'sessions' ? e.upserted.map((r) => r.id) : []))).toEqual([id]);
    const shown = await w.reveal({ app: app.folder, id });
    expect(shown).toEqual({ shown: true, location: join(state.root!, app.folder, id) });
    await expect(w.chooseFolder()).rejects.toMatchObject({ code: 'unsupported' });
    expect((await w.testConnection()).outcome).toBe('not-configured');
  });

  it('opens the demo folder', async () => {
    tree = fixture.makeTree(0, 0);
    const w = workspace();
    const state = await w.openDemo();
    expect(state.isDemo).toBe(true);
    expect(state.apps.length).toBeGreaterThan(0);
    expect(state.problems.length).toBeGreaterThan(0);
  });
});

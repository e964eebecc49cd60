import { mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent, SessionRecord } from '../../../shared/types';
import { makeTree, newId, recordEvents, sessionText, waitFor, type TempTree } from '../testing/engine-fixtures';
import { Workspace } from '../folder/workspace';

let tree: TempTree | null = null;
let ws: Workspace | null = null;
afterEach(async () => {
  await ws?.close();
  ws = null;
  tree?.cleanup();
  tree = null;
});

function open(mode: 'native' | 'polling'): Workspace {
  ws = new Workspace({
    platform: 'linux',
    version: 'test',
    dataDir: tree!.dataDir,
    watchMode: mode,
    pollIntervalMs: 50,
  });
  return ws;
}

async function sessionsOf(w: Workspace, app: string): Promise<SessionRecord[]> {
  return w.listSessions(app).catch(() => []);
}

for (const mode of ['native', 'polling'] as const) {
  describe(`watching (${mode})`, () => {
    it('sees files added, changed and removed, and app folders added and removed', async () => {
      tree = makeTree(2, 2);
      const w = open(mode);
      await w.open(tree.root);
      const app = tree.apps[0]!;
      const dir = join(tree.root, app.folder);
      const { events } = recordEvents((l) => w.onEvent(l));

      const added = newId();
      writeFileSync(join(dir, added), sessionText(app, added, 9));
      await waitFor(
        () => events.some((e) => e.type === 'sessions' && e.upserted.some((r) => r.id === added)),
        'added file',
      );

      const existing = tree.ids.get(app.folder)![0]!;
      writeFileSync(join(dir, existing), sessionText(app, existing, 1, 'accepted'));
      await waitFor(
        () =>
          events.some(
            (e) => e.type === 'sessions' && e.upserted.some((r) => r.id === existing && r.status === 'accepted'),
          ),
        'changed file',
      );

      unlinkSync(join(dir, added));
      await waitFor(() => events.some((e) => e.type === 'sessions' && e.removed.includes(added)), 'removed file');
      expect((await sessionsOf(w, app.folder)).map((r) => r.id).sort()).toEqual([...tree.ids.get(app.folder)!].sort());

      const newApp = 'com.example.arrived';
      mkdirSync(join(tree.root, newApp));
      const inNew = newId();
      writeFileSync(
        join(tree.root, newApp, inNew),
        sessionText({ ...app, folder: newApp, bundleId: newApp, teamId: '', platform: 'android' }, inNew, 3),
      );
      await waitFor(
        () => events.some((e) => e.type === 'apps' && e.apps.some((a) => a.folder === newApp && a.counts.total === 1)),
        'new app folder',
      );

      rmSync(join(tree.root, newApp), { recursive: true });
      await waitFor(
        () =>
          events.some((e) => e.type === 'apps' && !e.apps.some((a) => a.folder === newApp)) &&
          w['folder']['index'].apps.has(newApp) === false,
        'app folder removed',
      );
      expect((await w.getState()).apps.map((a) => a.folder).sort()).toEqual(tree.apps.map((a) => a.folder).sort());
    });
  });
}

describe('watching (native) details', () => {
  it('sees changes made during the initial scan', async () => {
    tree = makeTree(800, 4);
    const w = open('native');
    const app = tree.apps[3]!;
    const dir = join(tree.root, app.folder);
    const fresh = newId();
    const victim = tree.ids.get(app.folder)![5]!;
    const opening = w.open(tree.root);
    // As soon as the scan has begun, change the last folder (scanned last).
    await waitFor(() => w['folder']['phase'] === 'scanning', 'scan started');
    writeFileSync(join(dir, fresh), sessionText(app, fresh, 1));
    unlinkSync(join(dir, victim));
    await opening;
    await waitFor(() => w['folder']['index'].getSession(app.folder, fresh) !== undefined, 'file written during scan');
    await waitFor(() => w['folder']['index'].getSession(app.folder, victim) === undefined, 'file removed during scan');
    expect((await w.listSessions(app.folder)).length).toBe(800);
  });

  it('does not report a half-written file that is completed quickly', async () => {
    tree = makeTree(1, 1);
    const w = open('native');
    await w.open(tree.root);
    const app = tree.apps[0]!;
    const id = newId();
    const text = sessionText(app, id, 4);
    const { events } = recordEvents((l) => w.onEvent(l));
    writeFileSync(join(tree.root, app.folder, id), text.slice(0, 120));
    await new Promise((r) => setTimeout(r, 60));
    writeFileSync(join(tree.root, app.folder, id), text);
    await waitFor(
      () => events.some((e) => e.type === 'sessions' && e.upserted.some((r) => r.id === id)),
      'completed file',
    );
    const problemEvents = events.filter((e): e is Extract<EngineEvent, { type: 'problems' }> => e.type === 'problems');
    expect(problemEvents.flatMap((e) => e.problems).filter((p) => p.file === id)).toEqual([]);
    expect((await w.getState()).problems).toEqual([]);
  });

  it('reports a file that stays broken as a problem, and clears it when fixed', async () => {
    tree = makeTree(1, 1);
    const w = open('native');
    await w.open(tree.root);
    const app = tree.apps[0]!;
    const id = newId();
    writeFileSync(join(tree.root, app.folder, id), '{"application": ');
    await waitFor(() => w['folder']['index'].problems().some((p) => p.file === id), 'problem listed');
    expect((await w.getState()).apps[0]?.counts.problems).toBe(1);
    writeFileSync(join(tree.root, app.folder, id), sessionText(app, id, 1));
    await waitFor(
      () =>
        w['folder']['index'].problems().length === 0 && w['folder']['index'].getSession(app.folder, id) !== undefined,
      'problem cleared',
    );
  });

  it('ignores our own temp files and handles atomic replacement by rename', async () => {
    tree = makeTree(1, 1);
    const w = open('native');
    await w.open(tree.root);
    const app = tree.apps[0]!;
    const id = tree.ids.get(app.folder)![0]!;
    const tmp = join(tree.root, app.folder, `.${id}.msm-abc.tmp`);
    writeFileSync(tmp, sessionText(app, id, 0, 'accepted'));
    renameSync(tmp, join(tree.root, app.folder, id));
    await waitFor(() => w['folder']['index'].getSession(app.folder, id)?.status === 'accepted', 'renamed-in file');
    expect((await w.getState()).problems).toEqual([]);
  });
});

describe('close()', () => {
  it('leaves nothing that keeps the process alive (timers, workers, watchers)', async () => {
    tree = makeTree(700, 3);
    const counts = () => {
      const m = new Map<string, number>();
      for (const r of process.getActiveResourcesInfo()) m.set(r, (m.get(r) ?? 0) + 1);
      return m;
    };
    const before = counts();
    for (const mode of ['native', 'polling'] as const) {
      const w = new Workspace({
        platform: 'linux',
        version: 'test',
        dataDir: tree.dataDir,
        watchMode: mode,
        pollIntervalMs: 20,
      });
      await w.open(tree.root);
      writeFileSync(join(tree.root, tree.apps[0]!.folder, newId()), '{'); // starts retry timers
      await new Promise((r) => setTimeout(r, 60));
      await w.close();
    }
    await new Promise((r) => setTimeout(r, 50));
    for (const [kind, n] of counts())
      if (kind !== 'TTYWrap') expect({ kind, n }).toEqual({ kind, n: Math.min(n, before.get(kind) ?? 0) });
  });
});

// listPending (the approval inbox) and the argument validation of the two methods
// added for it and the audit view; real temporary folders.

import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApiArgs } from '../../../shared/api-schema';
import { dispatch } from '../api-dispatch';
import { sessionText, type TempTree } from '../testing/engine-fixtures';
import { useWorkspaceFixture } from '../testing/workspace-fixture';

const fixture = useWorkspaceFixture();
const workspace = fixture.workspace;
let tree: TempTree | null = null;

describe('listPending', () => {
  it('lists every pending session of every app, newest file first, and follows edits', async () => {
    tree = fixture.makeTree(3, 3);
    // Distinct file times across apps; one session of each app accepted.
    let t = 1_700_000_000;
    const expected: { app: string; id: string; at: number }[] = [];
    tree.apps.forEach((app, a) => {
      tree!.ids.get(app.folder)!.forEach((id, i) => {
        const path = join(tree!.root, app.folder, id);
        if (i === 0) writeFileSync(path, sessionText(app, id, i, 'accepted'));
        else expected.push({ app: app.folder, id, at: t });
        utimesSync(path, t, t);
        t += a % 2 === 0 ? 100 : -7; // interleave the apps in time
      });
    });
    const w = workspace();
    expect(await w.listPending()).toEqual([]); // no folder open yet
    await w.open(tree.root);

    const pending = await w.listPending();
    expected.sort((x, y) => y.at - x.at);
    expect(pending.map((r) => [r.app, r.id])).toEqual(expected.map((e) => [e.app, e.id]));
    expect(pending.every((r) => r.status === 'pending')).toBe(true);
    expect(new Set(pending.map((r) => r.app)).size).toBe(3);

    const first = expected[0]!;
    await w.setStatus([{ app: first.app, id: first.id }], 'accepted');
    const after = await w.listPending();
    expect(after).toHaveLength(expected.length - 1);
    expect(after.map((r) => r.id)).not.toContain(first.id);
  });
});

describe('contract additions: argument validation', () => {
  it('accepts bounded audit queries and refuses anything else', () => {
    expect(parseApiArgs('readAuditLog', [{}])).toEqual([{}]);
    const full = {
      since: '2025-01-01T00:00:00Z',
      folder: '/srv/MobileApps',
      action: ['delete', 'undo'],
      pushed: false,
      limit: 500,
    };
    expect(parseApiArgs('readAuditLog', [full])).toEqual([full]);
    expect(parseApiArgs('readAuditLog', [{ since: 0, action: 'push' }])).toEqual([{ since: 0, action: 'push' }]);
    for (const bad of [
      [],
      [{ limit: 0 }],
      [{ limit: 1e9 }],
      [{ limit: 1.5 }],
      [{ since: 'yesterday' }],
      [{ since: -1 }],
      [{ action: 'rm' }],
      [{ action: [] }],
      [{ folder: '' }],
      [{ folder: 'x'.repeat(5000) }],
      [{ pushed: 'no' }],
      [{ extra: 1 }],
      [{}, 1],
    ]) {
      expect(() => parseApiArgs('readAuditLog', bad), JSON.stringify(bad)).toThrow(/readAuditLog/);
    }
    expect(parseApiArgs('listPending', [])).toEqual([]);
    expect(() => parseApiArgs('listPending', ['x'])).toThrow(/listPending/);
  });

  it('dispatches both methods to the Workspace with error codes kept', async () => {
    tree = fixture.makeTree(2, 1);
    const w = workspace();
    await w.open(tree.root);
    const pending = await dispatch(w, 'listPending', []);
    expect(pending.ok && (pending.value as unknown[]).length).toBe(2);
    await w.setStatus([{ app: tree.apps[0]!.folder, id: tree.ids.get(tree.apps[0]!.folder)![0]! }], 'accepted');
    const log = await dispatch(w, 'readAuditLog', [{ action: 'set-status', limit: 10 }]);
    expect(log.ok && (log.value as { action: string }[]).map((e) => e.action)).toEqual(['set-status']);
    expect(await dispatch(w, 'readAuditLog', [{ limit: -1 }])).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
  });
});

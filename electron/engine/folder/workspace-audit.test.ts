// The Workspace writes one audit entry per user action (edits, deletes, undo) and
// push entries; real temporary folders, the real AuditLog.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { PushResult, PushSettingsView, SessionRef } from '../../../shared/types';
import { AuditLog } from '../audit/audit-log';
import type { TempTree } from '../testing/engine-fixtures';
import { noPushService, type PushService } from '../push/push-service';
import { useWorkspaceFixture } from '../testing/workspace-fixture';

const fixture = useWorkspaceFixture();
const workspace = fixture.workspace;
let tree: TempTree | null = null;

function pushService(outcome: PushResult['outcome']): PushService {
  const settings: PushSettingsView = {
    url: 'http://x',
    timeoutMs: 1000,
    hasSecret: true,
    secretSource: 'keychain',
    fourDInstallPath: '',
    checkRules: { source: 'built-in' },
  };
  return {
    push: async () => ({ outcome, message: outcome === 'success' ? 'reloaded' : 'no answer', durationMs: 1 }),
    testConnection: async () => ({ outcome: 'success', message: 'ok', durationMs: 1 }),
    getSettings: async () => settings,
    setSettings: async () => settings,
    sessionRules: noPushService.sessionRules,
  };
}

function refsOf(app: string, n: number): SessionRef[] {
  return tree!.ids
    .get(app)!
    .slice(0, n)
    .map((id) => ({ app, id }));
}

describe('Workspace audit log', () => {
  it('writes one entry per action with every session before -> after, the action id and the OS user', async () => {
    tree = fixture.makeTree(3, 1);
    const w = workspace({ audit: new AuditLog(tree.dataDir, { user: 'alice', source: 'app', fsync: false }) });
    const state = await w.open(tree.root);
    const app = tree.apps[0]!.folder;
    const [a, b, c] = refsOf(app, 3);

    const accepted = await w.setStatus([a!, b!], 'accepted');
    const mailed = await w.setEmail([a!], 'new@example.com');
    const deleted = await w.deleteSessions([c!]);
    await w.undo(accepted.actionId!);

    const entries = await w.readAuditLog({});
    expect(entries.map((e) => e.action)).toEqual(['undo', 'delete', 'set-email', 'set-status']);
    const [undo, del, email, status] = entries;
    expect(entries.every((e) => e.user === 'alice' && e.folder === state.root && e.source === 'app')).toBe(true);
    expect(status!.actionId).toBe(accepted.actionId);
    expect(status!.sessions.map((s) => [s.id, s.before, s.after]).sort()).toEqual(
      [
        [a!.id, 'pending', 'accepted'],
        [b!.id, 'pending', 'accepted'],
      ].sort(),
    );
    expect(email!.actionId).toBe(mailed.actionId);
    expect(email!.sessions).toHaveLength(1);
    expect(email!.sessions[0]).toMatchObject({ app, id: a!.id, after: 'new@example.com' });
    expect(typeof email!.sessions[0]!.before).toBe('string');
    expect(del!.actionId).toBe(deleted.actionId);
    expect(del!.sessions).toEqual([{ app, id: c!.id, before: expect.objectContaining({ status: 'pending' }) }]);
    expect(undo!.undoes).toBe(accepted.actionId);
    expect(undo!.actionId).not.toBe(accepted.actionId);
    expect(undo!.sessions.map((s) => [s.id, s.before, s.after]).sort()).toEqual(
      [
        [a!.id, 'accepted', 'pending'],
        [b!.id, 'accepted', 'pending'],
      ].sort(),
    );
  });

  it('logs nothing for an action that changed nothing (every ref failed)', async () => {
    tree = fixture.makeTree(1, 1);
    const w = workspace();
    await w.open(tree.root);
    const res = await w.setStatus([{ app: tree.apps[0]!.folder, id: 'abc123' }], 'accepted');
    expect(res.actionId).toBeNull();
    expect(await w.readAuditLog({})).toEqual([]);
  });

  it('creates its own log in the data directory when the host passes none', async () => {
    tree = fixture.makeTree(1, 1);
    const w = workspace();
    await w.open(tree.root);
    await w.setStatus(refsOf(tree.apps[0]!.folder, 1), 'accepted');
    await w.close(); // the action does not wait for the log's fsync; close does
    const lines = readFileSync(join(tree.dataDir, 'audit', 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ action: 'set-status', source: 'app' });
  });

  it('marks earlier changes pushed after a successful push; a failed push covers nothing', async () => {
    tree = fixture.makeTree(2, 1);
    const app = tree.apps[0]!.folder;
    const failing = workspace({ push: pushService('timeout') });
    await failing.open(tree.root);
    await failing.setStatus(refsOf(app, 1), 'accepted');
    expect((await failing.push()).outcome).toBe('timeout');
    let entries = await failing.readAuditLog({});
    expect(entries.map((e) => [e.action, e.pushed, e.outcome])).toEqual([
      ['push', false, 'timeout'],
      ['set-status', false, undefined],
    ]);
    await failing.close();

    const w = workspace({ push: pushService('success') });
    await w.open(tree.root);
    expect((await w.push()).outcome).toBe('success');
    await w.setEmail(refsOf(app, 2), 'after@example.com');
    entries = await w.readAuditLog({});
    expect(entries.map((e) => [e.action, e.pushed])).toEqual([
      ['set-email', false],
      ['push', true],
      ['push', false],
      ['set-status', true],
    ]);
    expect((await w.readAuditLog({ pushed: false })).map((e) => e.action)).toEqual(['set-email', 'push', 'push']);
  });

  it('concurrent actions produce exactly one entry each, with exact session counts', async () => {
    tree = fixture.makeTree(40, 2);
    const w = workspace({ audit: new AuditLog(tree.dataDir, { fsync: false }) });
    await w.open(tree.root);
    const [appA, appB] = tree.apps.map((x) => x.folder);
    const idsA = tree.ids.get(appA!)!;
    const idsB = tree.ids.get(appB!)!;
    const actions = [
      ...Array.from({ length: 10 }, (_, i) =>
        w.setStatus(
          idsA.slice(i * 4, i * 4 + 4).map((id) => ({ app: appA!, id })),
          'accepted',
        ),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        w.setEmail(
          idsB.slice(i * 4, i * 4 + 4).map((id) => ({ app: appB!, id })),
          `u${i}@x.org`,
        ),
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        w.deleteSessions(idsB.slice(20 + i * 4, 24 + i * 4).map((id) => ({ app: appB!, id }))),
      ),
    ];
    const results = await Promise.all(actions);
    expect(results.every((r) => r.failed.length === 0 && r.actionId !== null)).toBe(true);

    const entries = await w.readAuditLog({});
    expect(entries).toHaveLength(20);
    expect(new Set(entries.map((e) => e.actionId))).toEqual(new Set(results.map((r) => r.actionId)));
    expect(entries.every((e) => e.sessions.length === 4)).toBe(true);
    const count = (action: string) => entries.filter((e) => e.action === action).length;
    expect([count('set-status'), count('set-email'), count('delete')]).toEqual([10, 5, 5]);
    const lines = readFileSync(join(tree.dataDir, 'audit', 'audit.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(lines).toHaveLength(20); // no torn or interleaved lines
  });

  it('an audit log that cannot be written never fails the action (a warning instead)', async () => {
    tree = fixture.makeTree(1, 1);
    // A log inside MobileApps is refused by AuditLog.append: the edit must still succeed.
    mkdirSync(join(tree.root, '.data'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const w = workspace({ audit: new AuditLog(join(tree.root, '.data'), { fsync: false }) });
    await w.open(tree.root);
    const res = await w.setStatus(refsOf(tree.apps[0]!.folder, 1), 'accepted');
    expect(res.done).toHaveLength(1);
    expect(res.actionId).not.toBeNull();
    expect(await w.readAuditLog({})).toEqual([]); // waits for the (refused) append
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/audit log could not record/));
  });
});

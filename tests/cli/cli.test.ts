// The command line, end to end: the real bin as a child process, on real folders.

import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeDemoFolder } from '../../electron/engine/demo/demo-folder';
import { readAuditLog } from '../../electron/engine/audit/audit-log';
import { trashDir, unpushedFile } from '../../electron/engine/paths';
import { startFourDPeer } from '../peer/four-d-peer';
import {
  buildCliBundle,
  changedPaths,
  readSessions,
  refOf,
  runCli,
  snapshot,
  useBin,
  useEntry,
  type OnDiskSession,
} from './cli-helpers';

let bundleDir: string;
beforeAll(async () => {
  bundleDir = await buildCliBundle();
});
afterAll(async () => {
  await rm(join(bundleDir, '..'), { recursive: true, force: true });
});

let parent: string; // the "4D data folder" holding MobileApps
let root: string; // MobileApps
let dataDir: string;

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'msm-cli-'));
  root = await writeDemoFolder(parent, { seed: 7, apps: 3, sessionsPerApp: 8 });
  dataDir = join(parent, 'app-data'); // beside MobileApps, never inside it
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCli(args, { cwd: parent, env: { MSM_DATA_DIR: dataDir, ...env } });

function byStatus(sessions: OnDiskSession[], status: string): OnDiskSession[] {
  return sessions.filter((s) => s.json.status === status);
}

/** The text with only the status value replaced: what an edit must produce, byte for byte. */
function withStatus(text: string, status: string): string {
  return text.replace(/("status"\s*:\s*)"(accepted|pending)"/, `$1"${status}"`);
}

interface JsonRow {
  app: string;
  id: string;
  status: string | null;
  os: string;
  email: string;
}

describe('list', () => {
  it('prints an aligned table of every session (the 4D data folder is accepted as --dir)', async () => {
    const sessions = await readSessions(root);
    const r = await cli(['list', '--dir', parent]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SESSION\s+STATUS\s+DEVICE\s+OS\s+EMAIL\s+LANGUAGE\s+IP\s+CHANGED/);
    expect(lines).toHaveLength(sessions.length + 1);
    // Aligned: the STATUS column starts at the same offset on every line.
    const col = lines[0]!.indexOf('STATUS');
    for (const line of lines.slice(1)) expect(line.slice(col)).toMatch(/^(accepted|pending) /);
    for (const s of sessions) expect(r.stdout).toContain(refOf(s));
    expect(r.stderr).toContain(`${sessions.length} sessions of ${sessions.length} in ${root}`);
  });

  it('defaults to MSM_DIR, then to the current folder', async () => {
    const viaEnv = await runCli(['list', '--json'], { cwd: tmpdir(), env: { MSM_DIR: root, MSM_DATA_DIR: dataDir } });
    expect(viaEnv.code).toBe(0);
    const viaCwd = await cli(['list', '--json']);
    expect(viaCwd.code).toBe(0);
    expect(JSON.parse(viaCwd.stdout)).toEqual(JSON.parse(viaEnv.stdout));
  });

  it('prints JSON with every column, and applies each filter like the app', async () => {
    const sessions = await readSessions(root);
    const all = JSON.parse((await cli(['list', '--json'])).stdout) as JsonRow[];
    expect(all.map(refOf).sort()).toEqual(sessions.map(refOf).sort());
    expect(Object.keys(all[0]!)).toEqual(
      expect.arrayContaining(['app', 'id', 'status', 'email', 'device', 'os', 'changed', 'warnings']),
    );

    const pending = JSON.parse((await cli(['list', '--json', '--status', 'pending'])).stdout) as JsonRow[];
    expect(pending.map(refOf).sort()).toEqual(byStatus(sessions, 'pending').map(refOf).sort());
    expect(pending.length).toBeGreaterThan(0);

    const app = sessions[0]!.app;
    const ofApp = JSON.parse((await cli(['list', '--json', '--app', app])).stdout) as JsonRow[];
    expect(ofApp.map(refOf).sort()).toEqual(
      sessions
        .filter((s) => s.app === app)
        .map(refOf)
        .sort(),
    );

    const android = JSON.parse((await cli(['list', '--json', '--platform', 'android'])).stdout) as JsonRow[];
    const expectedAndroid = sessions.filter(
      (s) => String((s.json.device as { os?: string }).os).toLowerCase() === 'android',
    );
    expect(android.map(refOf).sort()).toEqual(expectedAndroid.map(refOf).sort());

    const target = sessions[3]!;
    const email = String(target.json.email);
    const found = JSON.parse((await cli(['list', '--json', '--search', email.toUpperCase()])).stdout) as JsonRow[];
    expect(found.map(refOf)).toContain(refOf(target));
    expect(found.every((row) => row.email.toLowerCase().includes(email.toLowerCase()))).toBe(true);
  });

  it('filters by age (--older-than N days) and sorts newest first', async () => {
    const sessions = await readSessions(root);
    const now = Date.now() / 1000;
    // Make every file recent, then two of them 100 days old.
    for (const s of sessions) await utimes(join(root, s.app, s.id), now, now);
    const old = [sessions[1]!, sessions[5]!];
    for (const [i, s] of old.entries()) await utimes(join(root, s.app, s.id), now, now - (100 + i) * 86_400);
    const r = await cli(['list', '--json', '--older-than', '90']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonRow[]).map(refOf)).toEqual([refOf(old[0]!), refOf(old[1]!)]);
    const csv = await cli(['list', '--csv', '--older-than', '90', '--status', 'all']);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^app,id,status,/);
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(3);
  });

  it('prints nothing but the header count when nothing matches', async () => {
    const r = await cli(['list', '--search', 'no-such-device-anywhere']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^0 sessions of \d+/);
  });
});

describe('accept and hold', () => {
  it('accept changes only the status of the named sessions, on disk, and logs it', async () => {
    const sessions = await readSessions(root);
    const targets = byStatus(sessions, 'pending').slice(0, 2);
    expect(targets).toHaveLength(2);
    const before = await snapshot(root);
    const r = await cli(['accept', ...targets.map(refOf)]);
    expect(r.code).toBe(0);
    for (const t of targets) expect(r.stdout).toContain(`accepted  ${refOf(t)}`);

    const after = await snapshot(root);
    expect(changedPaths(before, after)).toEqual(targets.map((t) => join(t.app, t.id)).sort());
    for (const t of targets) {
      const text = await readFile(join(root, t.app, t.id), 'utf8');
      expect(text).toBe(withStatus(t.text, 'accepted'));
    }

    const { entries } = await readAuditLog(dataDir);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'set-status', folder: root, source: 'cli', pushed: false });
    expect(entries[0]!.sessions.map(refOf).sort()).toEqual(targets.map(refOf).sort());
    expect(entries[0]!.sessions.every((s) => s.before === 'pending' && s.after === 'accepted')).toBe(true);
  });

  it('accept --app A --all-pending accepts every pending session of that app only', async () => {
    const sessions = await readSessions(root);
    const app = sessions.find((s) => s.json.status === 'pending')!.app;
    const before = await snapshot(root);
    const r = await cli(['accept', '--app', app, '--all-pending', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { actionId: string; done: unknown[]; failed: unknown[] };
    const expected = sessions.filter((s) => s.app === app && s.json.status === 'pending');
    expect(result.done).toHaveLength(expected.length);
    expect(result.failed).toEqual([]);
    expect(changedPaths(before, await snapshot(root))).toEqual(expected.map((s) => join(s.app, s.id)).sort());
    const now = await readSessions(root);
    expect(now.filter((s) => s.app === app && s.json.status === 'pending')).toEqual([]);
  });

  it('hold sets accepted sessions back to pending; an already pending one is left untouched', async () => {
    const sessions = await readSessions(root);
    const accepted = byStatus(sessions, 'accepted')[0]!;
    const pending = byStatus(sessions, 'pending')[0]!;
    const pendingMtime = (await stat(join(root, pending.app, pending.id))).mtimeMs;
    const r = await cli(['hold', refOf(accepted), refOf(pending)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`held  ${refOf(accepted)}`);
    expect(r.stdout).toContain(`already pending  ${refOf(pending)}`);
    expect(await readFile(join(root, accepted.app, accepted.id), 'utf8')).toBe(withStatus(accepted.text, 'pending'));
    expect(await readFile(join(root, pending.app, pending.id), 'utf8')).toBe(pending.text);
    expect((await stat(join(root, pending.app, pending.id))).mtimeMs).toBe(pendingMtime);
    const { entries } = await readAuditLog(dataDir);
    expect(entries[0]!.sessions).toEqual([
      { app: accepted.app, id: accepted.id, before: 'accepted', after: 'pending' },
    ]);
  });

  it('exits 4 when some sessions change and others fail (a broken file is never rewritten)', async () => {
    const sessions = await readSessions(root);
    const good = byStatus(sessions, 'pending')[0]!;
    const brokenId = 'f'.repeat(40);
    const broken = join(root, good.app, brokenId);
    await writeFile(broken, '{"status":"pending", "session": {');
    const r = await cli(['accept', refOf(good), `${good.app}/${brokenId}`]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`error: ${good.app}/${brokenId}:`);
    expect(await readFile(broken, 'utf8')).toBe('{"status":"pending", "session": {');
    expect(await readFile(join(root, good.app, good.id), 'utf8')).toBe(withStatus(good.text, 'accepted'));
  });
});

describe('delete', () => {
  it('moves the sessions to the trash in the data directory and logs it', async () => {
    const sessions = await readSessions(root);
    const targets = [sessions[0]!, sessions[sessions.length - 1]!];
    const r = await cli(['delete', '--yes', ...targets.map(refOf)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(trashDir(dataDir));
    for (const t of targets) {
      await expect(stat(join(root, t.app, t.id))).rejects.toMatchObject({ code: 'ENOENT' });
      const days = await readdir(trashDir(dataDir));
      const inTrash = days.map((d) => join(trashDir(dataDir), d, t.app, t.id));
      const found = await Promise.all(inTrash.map((p) => readFile(p, 'utf8').catch(() => null)));
      expect(found.filter((x) => x !== null)).toEqual([t.text]);
    }
    // Nothing else was written into MobileApps.
    const left = await readSessions(root);
    expect(left).toHaveLength(sessions.length - 2);
    const { entries } = await readAuditLog(dataDir);
    expect(entries[0]).toMatchObject({ action: 'delete', folder: root });
    expect(entries[0]!.sessions.map(refOf).sort()).toEqual(targets.map(refOf).sort());
  });

  it('deletes stale sessions selected by filters', async () => {
    const sessions = await readSessions(root);
    const now = Date.now() / 1000;
    for (const s of sessions) await utimes(join(root, s.app, s.id), now, now);
    const stale = sessions[2]!;
    await utimes(join(root, stale.app, stale.id), now, now - 200 * 86_400);
    const r = await cli(['delete', '--older-than', '180', '--all-matching', '--yes', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { done: unknown[] }).done).toEqual([{ app: stale.app, id: stale.id }]);
    expect((await readSessions(root)).map(refOf)).not.toContain(refOf(stale));
  });

  it('refuses without --yes when stdin is not a terminal, changing nothing', async () => {
    const sessions = await readSessions(root);
    const before = await snapshot(parent);
    const r = await cli(['delete', refOf(sessions[0]!)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Refusing to delete 1 session .* without --yes/);
    expect(changedPaths(before, await snapshot(parent))).toEqual([]);
  });
});

describe('bad usage: exit 2, a clear message, nothing changed', () => {
  const cases: [string, (s: OnDiskSession[]) => string[], RegExp][] = [
    ['no command', () => [], /Usage: mobile-sessions <command>/],
    ['unknown command', () => ['approve'], /Unknown command "approve"/],
    ['unknown option', () => ['list', '--colour'], /list: Unknown option '--colour'/],
    ['bad status', () => ['list', '--status', 'maybe'], /--status must be accepted, pending or all \(got "maybe"\)/],
    ['bad platform', () => ['list', '--platform', 'windows'], /--platform must be one of ios, ipados, android/],
    [
      'negative age',
      () => ['list', '--older-than=-3'],
      /--older-than must be a number of days, 0 or more \(got "-3"\)/,
    ],
    ['age that is not a number', () => ['list', '--older-than', 'ninety'], /--older-than must be a number of days/],
    ['both simulator flags', () => ['list', '--simulator', '--no-simulator'], /cannot be combined/],
    ['missing folder', () => ['list', '--dir', '/no/such/folder'], /does not exist/],
    ['unknown app', () => ['list', '--app', 'com.nope'], /No app folder named "com.nope"/],
    [
      'malformed ref',
      () => ['accept', 'not-a-ref'],
      /"not-a-ref" is not a session: write it as <app folder>\/<session id>/,
    ],
    ['path escape', () => ['accept', '../etc/passwd0000'], /is not a session|outside|not a valid/],
    [
      'one missing session among real ones',
      (s) => ['accept', refOf(byStatus(s, 'pending')[0]!), `${s[0]!.app}/${'0'.repeat(40)}`],
      /No such session .*0{40}\. Nothing was changed\./,
    ],
    ['nothing selected', () => ['accept'], /no sessions given/],
    ['filter without --all-matching', () => ['hold', '--status', 'accepted'], /no sessions given/],
    ['--all-matching without a filter', () => ['delete', '--all-matching', '--yes'], /needs at least one filter/],
    ['refs and a filter', (s) => ['accept', refOf(s[0]!), '--app', s[0]!.app], /not both/],
    ['--all-pending without --app', () => ['accept', '--all-pending'], /--all-pending needs --app/],
    ['push with a bad URL', () => ['push', '--push-url', 'ftp://x'], /--push-url must be an http/],
    ['push without configuration', () => ['push'], /not-configured/],
    ['log with an unknown action', () => ['log', '--action', 'approve'], /--action must be one of set-status/],
    [
      'data dir inside MobileApps',
      () => ['accept', '--all-pending', '--app', 'x', '--data-dir', 'MobileApps/data'],
      /inside the MobileApps folder/,
    ],
  ];

  for (const [name, args, message] of cases) {
    it(name, async () => {
      const sessions = await readSessions(root);
      const before = await snapshot(parent);
      const r = await cli(args(sessions));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(changedPaths(before, await snapshot(parent))).toEqual([]);
    });
  }
});

describe('check', () => {
  it('exits 0 on a consistent folder', async () => {
    const r = await cli(['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: \d+ sessions checked/);
  });

  it('exits 3 and names the session whose token does not match, and the unreadable file', async () => {
    const broken = await writeDemoFolder(join(parent, 'broken'), {
      seed: 3,
      apps: 2,
      sessionsPerApp: 4,
      withProblems: true,
    });
    const before = await snapshot(broken);
    const r = await cli(['check', '--dir', broken]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/token-mismatch: The token does not match the session/);
    expect(r.stdout).toMatch(/malformed-json: Malformed JSON/);
    expect(r.stdout).toMatch(/1 session the server would drop, 0 sessions with advice only, 1 unreadable file/);
    const json = await cli(['check', '--dir', broken, '--json']);
    expect(json.code).toBe(3);
    const report = JSON.parse(json.stdout) as {
      checked: number;
      issues: { warnings: { code: string }[] }[];
      problems: unknown[];
    };
    expect(report.issues.flatMap((i) => i.warnings.map((w) => w.code))).toEqual(['token-mismatch']);
    expect(report.problems).toHaveLength(1);
    expect(changedPaths(before, await snapshot(broken))).toEqual([]);
  });

  it('reports a session whose token was edited by hand', async () => {
    const s = (await readSessions(root))[0]!;
    const json = {
      ...s.json,
      token: Buffer.from(JSON.stringify({ appNameID: 'com.other', id: s.id, teamID: '' })).toString('base64'),
    };
    await writeFile(join(root, s.app, s.id), JSON.stringify(json));
    const r = await cli(['check']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(`${refOf(s)}\n  token-mismatch:`);
  });

  it('lists an odd e-mail as advice and exits 0: 4D accepts any e-mail text', async () => {
    const s = (await readSessions(root))[0]!;
    await writeFile(join(root, s.app, s.id), JSON.stringify({ ...s.json, email: 'bob at example' }));
    const r = await cli(['check']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`${refOf(s)}\n  email-invalid (advice): `);
    expect(r.stdout).not.toMatch(/drop the session|will reject/);
    expect(r.stdout).toMatch(
      /^OK: .* with the built-in rules; the server would keep them all \(1 session with advice only\)\.$/m,
    );
  });

  it("checks with 4D's schema from the installation given with --4d, and says so", async () => {
    const resources = join(parent, '4D.app', 'Contents', 'Resources', 'JSONSchemas');
    await mkdir(resources, { recursive: true });
    const schemaPath = join(resources, 'mobileSessionSchema.json');
    await writeFile(
      schemaPath,
      await readFile(join(__dirname, '../../electron/engine/checks/fixtures/mobileSessionSchema.json')),
    );
    const ok = await cli(['check', '--4d', join(parent, '4D.app')]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`with 4D's schema from ${schemaPath}`);

    const s = (await readSessions(root))[0]!;
    await writeFile(join(root, s.app, s.id), JSON.stringify({ ...s.json, send: 'sms' }));
    const bad = await cli(['check', '--4d', join(parent, '4D.app'), '--json']);
    expect(bad.code).toBe(3);
    const report = JSON.parse(bad.stdout) as {
      rules: unknown;
      issues: { warnings: { code: string; message: string }[] }[];
    };
    expect(report.rules).toEqual({ source: '4d-schema', schemaPath });
    expect(report.issues.flatMap((i) => i.warnings.map((w) => w.code))).toEqual(['schema']);
    expect(report.issues[0]!.warnings[0]!.message).toMatch(
      /^4D's schema: send must be equal to one of the allowed values/,
    );

    const missing = await cli(['check', '--4d', join(parent, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No mobileSessionSchema.json was found/);
  });
});

describe('push', () => {
  it('reaches the 4D Server with PUSH_SECRET, and marks earlier changes as pushed', async () => {
    const peer = await startFourDPeer({ secret: 's3cret-token' });
    try {
      const pending = byStatus(await readSessions(root), 'pending')[0]!;
      expect((await cli(['accept', refOf(pending)])).code).toBe(0);
      const r = await cli(['push', '--push-url', peer.url], { PUSH_SECRET: 's3cret-token' });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Pushed:/);
      expect(peer.refreshCount()).toBe(1);
      const { entries } = await readAuditLog(dataDir);
      expect(entries.map((e) => [e.action, e.pushed])).toEqual([
        ['push', true],
        ['set-status', true],
      ]);

      const wrong = await cli(['push', '--push-url', peer.url], { PUSH_SECRET: 'wrong' });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/Push unauthorized/);
      expect(peer.refreshCount()).toBe(1);
    } finally {
      await peer.close();
    }
  });

  it('never takes the secret from the command line', async () => {
    const r = await cli(['push', '--push-url', 'http://127.0.0.1:9/x', '--secret', 'abc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--secret'/);
  });
});

describe('log', () => {
  it('shows the audit entries of the folder, newest first, filtered', async () => {
    const sessions = await readSessions(root);
    const pending = byStatus(sessions, 'pending')[0]!;
    const other = byStatus(sessions, 'accepted')[0]!;
    expect((await cli(['accept', refOf(pending)])).code).toBe(0);
    expect((await cli(['delete', '-y', refOf(other)])).code).toBe(0);

    const table = await cli(['log']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+USER\s+ACTION\s+PUSHED\s+WHAT/);
    expect(lines[1]).toMatch(/delete\s+no\s+/);
    expect(lines[2]).toContain(`${refOf(pending)}  pending → accepted`);

    const json = JSON.parse((await cli(['log', '--json', '--action', 'delete'])).stdout) as {
      action: string;
      sessions: unknown[];
    }[];
    expect(json.map((e) => e.action)).toEqual(['delete']);
    expect(json[0]!.sessions).toEqual([
      { app: other.app, id: other.id, before: expect.objectContaining({ status: 'accepted' }) },
    ]);
    expect(JSON.parse((await cli(['log', '--json', '--since', '2999-01-01'])).stdout)).toEqual([]);
    const csv = await cli(['log', '--csv', '--since', '1d']);
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(3);
    // Another folder's log is not shown unless asked.
    const elsewhere = await writeDemoFolder(join(parent, 'elsewhere'), { seed: 9, apps: 1, sessionsPerApp: 1 });
    expect(JSON.parse((await cli(['log', '--json', '--dir', elsewhere])).stdout)).toEqual([]);
    expect(
      (JSON.parse((await cli(['log', '--json', '--dir', elsewhere, '--all-folders'])).stdout) as unknown[]).length,
    ).toBe(2);
  });
});

describe('help and version', () => {
  it('prints help for the tool and each command, and the version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Commands:\n\s+list/);
    expect(help.stdout).toMatch(/Exit codes: 0 ok · 1 failure · 2 bad usage/);
    const del = await cli(['delete', '--help']);
    expect(del.code).toBe(0);
    expect(del.stdout).toMatch(/^Usage: mobile-sessions delete/);
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const version = await cli(['--version']);
    expect(version.stdout.trim()).toBe(pkg.version);
  });
});

describe('the bin launcher (what npx runs)', () => {
  it('runs the TypeScript source through tsx: list and a usage error', async () => {
    useBin();
    try {
      const sessions = await readSessions(root);
      const list = await cli(['list', '--json', '--status', 'all']);
      expect(list.code).toBe(0);
      expect((JSON.parse(list.stdout) as unknown[]).length).toBe(sessions.length);
      const bad = await cli(['hold', 'x']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/"x" is not a session/);
    } finally {
      useEntry(join(bundleDir, 'main.js'));
    }
  });
});

describe('data directory', () => {
  it('creates only the audit log, the trash and the unpushed changes in it', async () => {
    await mkdir(dataDir, { recursive: true });
    const s = (await readSessions(root))[0]!;
    await cli(['delete', '-y', refOf(s)]);
    expect((await readdir(dataDir)).sort()).toEqual(
      [basename(trashDir(dataDir)), 'audit', basename(unpushedFile(dataDir))].sort(),
    );
  });
});

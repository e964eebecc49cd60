import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, appendFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, readAuditLog } from './audit-log';

const MODULE = fileURLToPath(new URL('./audit-log.ts', import.meta.url));

let dataDir: string;
const FOLDER = resolve(tmpdir(), 'some-server', 'MobileApps');

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'msm-audit-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Every line of every log file, parsed; throws on any line that is not JSON. */
async function allLines(dir: string): Promise<Record<string, unknown>[]> {
  const auditDir = join(dir, 'audit');
  const out: Record<string, unknown>[] = [];
  for (const name of await readdir(auditDir)) {
    if (!name.endsWith('.jsonl')) continue;
    const text = await readFile(join(auditDir, name), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.split('\n')) {
      if (line === '') continue;
      out.push(JSON.parse(line) as Record<string, unknown>);
    }
  }
  return out;
}

function clock(start: number): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

/** Runs `count` appends in a separate Node process (TypeScript through tsx). */
function childAppends(dir: string, tag: string, count: number, maxBytes: number): Promise<void> {
  const script = `
    const { AuditLog } = await import(${JSON.stringify(MODULE)});
    const log = new AuditLog(${JSON.stringify(dir)}, { maxBytes: ${maxBytes}, source: 'child' });
    await Promise.all(Array.from({ length: ${count} }, (_, i) =>
      log.append({ folder: ${JSON.stringify(FOLDER)}, action: 'set-status', actionId: '${tag}-' + i,
        sessions: [{ app: 'A', id: 'x'.repeat(40), before: 'pending', after: 'accepted' }] })));
  `;
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`child ${tag} exited ${code}: ${err}`))));
  });
}

describe('AuditLog', () => {
  it('appends entries with time, user, folder, action, sessions and actionId', async () => {
    const log = new AuditLog(dataDir, { user: 'alice', source: 'cli', now: clock(Date.UTC(2025, 0, 1)) });
    const e = await log.append({
      folder: FOLDER,
      action: 'set-status',
      sessions: [{ app: 'TEAM.com.x', id: 'ab'.repeat(20), before: 'pending', after: 'accepted' }],
    });
    expect(e.actionId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = await allLines(dataDir);
    expect(lines).toEqual([
      {
        time: '2025-01-01T00:00:01.000Z',
        user: 'alice',
        folder: FOLDER,
        action: 'set-status',
        sessions: [{ app: 'TEAM.com.x', id: 'ab'.repeat(20), before: 'pending', after: 'accepted' }],
        actionId: e.actionId,
        source: 'cli',
      },
    ]);
  });

  it('uses the OS user by default', async () => {
    const e = await new AuditLog(dataDir).append({ folder: FOLDER, action: 'delete', sessions: [] });
    expect(e.user.length).toBeGreaterThan(0);
  });

  it('refuses a data directory inside the MobileApps folder', async () => {
    const inside = join(dataDir, 'MobileApps', 'data');
    const log = new AuditLog(inside);
    await expect(log.append({ folder: join(dataDir, 'MobileApps'), action: 'delete', sessions: [] })).rejects.toThrow(
      /must not be inside/,
    );
    await expect(readdir(dataDir)).resolves.toEqual([]);
  });

  it('keeps every line whole under 50 concurrent appends in one process', async () => {
    const log = new AuditLog(dataDir, { fsync: false });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        log.append({
          folder: FOLDER,
          action: 'set-email',
          actionId: `a${i}`,
          sessions: [{ app: 'A', id: String(i), before: '', after: `u${i}@x.io` }],
        }),
      ),
    );
    const lines = await allLines(dataDir);
    expect(lines).toHaveLength(50);
    expect(new Set(lines.map((l) => l.actionId)).size).toBe(50);
  });

  it('keeps every line whole with 3 processes appending at once, across rotations', async () => {
    // Small rotation size so the processes also race on rotating the file.
    const maxBytes = 4096;
    await Promise.all([
      childAppends(dataDir, 'p1', 50, maxBytes),
      childAppends(dataDir, 'p2', 50, maxBytes),
      childAppends(dataDir, 'p3', 50, maxBytes),
    ]);
    const lines = await allLines(dataDir);
    expect(lines).toHaveLength(150);
    const ids = new Set(lines.map((l) => l.actionId));
    for (const tag of ['p1', 'p2', 'p3']) for (let i = 0; i < 50; i++) expect(ids.has(`${tag}-${i}`)).toBe(true);
    const files = (await readdir(join(dataDir, 'audit'))).filter((n) => n.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(1); // it did rotate
    expect(files).toContain('audit.jsonl');
    const { entries, skipped } = await readAuditLog(dataDir);
    expect(skipped).toBe(0);
    expect(entries).toHaveLength(150);
  }, 60_000);

  it('rotates at maxBytes into dated files and keeps them', async () => {
    const log = new AuditLog(dataDir, { maxBytes: 600, fsync: false, now: clock(Date.UTC(2025, 2, 3)) });
    for (let i = 0; i < 12; i++) {
      await log.append({
        folder: FOLDER,
        action: 'delete',
        actionId: `d${i}`,
        sessions: [{ app: 'A', id: String(i), before: { status: 'accepted' } }],
      });
    }
    const files = (await readdir(join(dataDir, 'audit'))).sort();
    expect(files).toContain('audit-2025-03-03.jsonl');
    expect(files).toContain('audit-2025-03-03-2.jsonl');
    expect(files).toContain('audit.jsonl');
    const { entries } = await log.read();
    expect(entries.map((e) => e.actionId)).toEqual(Array.from({ length: 12 }, (_, i) => `d${11 - i}`));
  });
});

describe('reading the log', () => {
  it('returns newest first and filters by since, folder, action, limit', async () => {
    const log = new AuditLog(dataDir, { fsync: false, now: clock(Date.UTC(2025, 0, 1)) });
    const other = resolve(tmpdir(), 'other', 'MobileApps');
    await log.append({ folder: FOLDER, action: 'set-status', actionId: '1', sessions: [] }); // 00:00:01
    await log.append({ folder: other, action: 'set-status', actionId: '2', sessions: [] }); // 00:00:02
    await log.append({ folder: FOLDER, action: 'delete', actionId: '3', sessions: [] }); // 00:00:03
    await log.append({ folder: FOLDER, action: 'undo', actionId: '4', undoes: '3', sessions: [] }); // 00:00:04
    const ids = async (q: Parameters<AuditLog['read']>[0]) => (await log.read(q)).entries.map((e) => e.actionId);
    expect(await ids({})).toEqual(['4', '3', '2', '1']);
    expect(await ids({ folder: FOLDER })).toEqual(['4', '3', '1']);
    expect(await ids({ action: 'set-status' })).toEqual(['2', '1']);
    expect(await ids({ action: ['delete', 'undo'] })).toEqual(['4', '3']);
    expect(await ids({ since: '2025-01-01T00:00:02.000Z' })).toEqual(['4', '3', '2']);
    expect(await ids({ limit: 2 })).toEqual(['4', '3']);
    expect((await log.read({ action: 'undo' })).entries[0]?.undoes).toBe('3');
  });

  it('derives "pushed" from later push entries of the same folder, without rewriting', async () => {
    const log = new AuditLog(dataDir, { fsync: false, now: clock(Date.UTC(2025, 0, 1)) });
    const other = resolve(tmpdir(), 'other', 'MobileApps');
    await log.append({ folder: FOLDER, action: 'set-status', actionId: 'a', sessions: [] });
    await log.append({ folder: other, action: 'set-status', actionId: 'b', sessions: [] });
    await log.recordFailedPush(FOLDER, 'timeout', 'The server did not answer.');
    const before = await readFile(join(dataDir, 'audit', 'audit.jsonl'));
    await log.markPushed(FOLDER);
    await log.append({ folder: FOLDER, action: 'delete', actionId: 'c', sessions: [] });
    const after = await readFile(join(dataDir, 'audit', 'audit.jsonl'));
    expect(after.subarray(0, before.length).equals(before)).toBe(true); // append-only

    const { entries } = await log.read();
    const pushed = Object.fromEntries(entries.filter((e) => e.action !== 'push').map((e) => [e.actionId, e.pushed]));
    expect(pushed).toEqual({ a: true, b: false, c: false });
    expect(
      (await log.read({ pushed: false, action: ['set-status', 'delete'] })).entries.map((e) => e.actionId),
    ).toEqual(['c', 'b']);
    const pushes = entries.filter((e) => e.action === 'push');
    expect(pushes.map((p) => [p.pushed, p.outcome])).toEqual([
      [true, 'success'],
      [false, 'timeout'],
    ]);
  });

  it('markPushed with an explicit "until" covers only changes up to then', async () => {
    const log = new AuditLog(dataDir, { fsync: false, now: clock(Date.UTC(2025, 0, 1)) });
    await log.append({ folder: FOLDER, action: 'set-email', actionId: 'early', sessions: [] }); // :01
    await log.append({ folder: FOLDER, action: 'set-email', actionId: 'late', sessions: [] }); // :02
    await log.markPushed(FOLDER, '2025-01-01T00:00:01.500Z');
    const { entries } = await log.read({ action: 'set-email' });
    expect(entries.map((e) => [e.actionId, e.pushed])).toEqual([
      ['late', false],
      ['early', true],
    ]);
    await expect(log.markPushed(FOLDER, 'not a date')).rejects.toThrow(/invalid time/);
  });

  it('skips a torn last line and the next append starts on a fresh line', async () => {
    const log = new AuditLog(dataDir, { fsync: false });
    await log.append({ folder: FOLDER, action: 'set-status', actionId: 'ok1', sessions: [] });
    // A crash in the middle of a write leaves half a line without a newline.
    await appendFile(join(dataDir, 'audit', 'audit.jsonl'), '{"time":"2025-01-01T00:00:00.000Z","user":"x","fol');
    let read = await log.read();
    expect(read.entries.map((e) => e.actionId)).toEqual(['ok1']);
    expect(read.skipped).toBe(1);
    await log.append({ folder: FOLDER, action: 'set-status', actionId: 'ok2', sessions: [] });
    read = await log.read();
    expect(read.entries.map((e) => e.actionId).sort()).toEqual(['ok1', 'ok2']);
    expect(read.skipped).toBe(1);
  });

  it('skips lines that are JSON but not entries, and reads an empty or missing log', async () => {
    expect(await readAuditLog(dataDir)).toEqual({ entries: [], skipped: 0 });
    await mkdir(join(dataDir, 'audit'));
    await writeFile(join(dataDir, 'audit', 'audit.jsonl'), '{"hello":1}\n[]\n\n');
    expect(await readAuditLog(dataDir)).toEqual({ entries: [], skipped: 2 });
  });
});

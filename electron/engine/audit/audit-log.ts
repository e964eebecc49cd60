// The audit log: every change the app (or the CLI) makes, as JSON Lines in the
// app's data directory — never inside MobileApps. Append-only: nothing is ever
// rewritten; "pushed" is not stored on the changes but derived when reading from
// later push entries of the same folder.
//
// Appends are atomic per entry:
// - inside one process, appends to the same file go through one promise queue;
// - across processes (app + CLI + a second CLI), each entry is a single write() on
//   a descriptor opened with O_APPEND, so the kernel places it at the end as a
//   whole: lines never interleave on a local file system;
// - a torn last line (crash mid-write) is detected before the next append, which
//   then starts on a fresh line, and the reader skips and counts such lines.
//
// Rotation: when audit.jsonl reaches maxBytes (10 MB) it is renamed to
// audit-<YYYY-MM-DD>[-n].jsonl and kept. A lock file makes sure only one process
// rotates; an appender racing with the rename writes into the renamed file, which
// is kept, so no entry is lost.

import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { AuditAction, AuditEntry, AuditQuery, AuditReadResult, AuditSessionChange } from '../../../shared/audit';
import { auditDir } from '../paths';
import { CURRENT_FILE, isErrno, readAuditDir } from './audit-reader';

export type { AuditAction, AuditEntry, AuditQuery, AuditReadResult, AuditSessionChange } from '../../../shared/audit';

export { CURRENT_FILE } from './audit-reader';
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const LOCK_FILE = 'rotate.lock';
/** A rotation lock older than this was left by a crashed process. */
const STALE_LOCK_MS = 30_000;

export interface AuditLogOptions {
  /** Rotate the current file when it reaches this size (default 10 MB). */
  maxBytes?: number;
  /** Default: the OS user name. */
  user?: string;
  /** Written into every entry ("app", "browser", "cli"). */
  source?: string;
  /** fsync each entry before resolving (default true: actions are human-paced, the log should survive a crash). */
  fsync?: boolean;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface AuditEntryInput {
  folder: string;
  action: AuditAction;
  sessions: AuditSessionChange[];
  /** Default: a new random id. */
  actionId?: string;
  undoes?: string;
  until?: string;
  outcome?: string;
  message?: string;
  pushed?: boolean;
}

/** The OS user, without throwing where there is no passwd entry (containers). */
export function currentUser(): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // fall through to the environment
  }
  return process.env.USER ?? process.env.USERNAME ?? 'unknown';
}

// --- in-process serialization ---------------------------------------------------------

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task queued for the same key (even failed ones). */
function enqueue<T>(key: string, task: () => Promise<T>): Promise<T> {
  const prev = queues.get(key) ?? Promise.resolve();
  const run = prev.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}

// --- the log ------------------------------------------------------------------------------

export class AuditLog {
  readonly dir: string;
  readonly file: string;
  private readonly maxBytes: number;
  private readonly user: string;
  private readonly source: string | undefined;
  private readonly fsync: boolean;
  private readonly now: () => Date;

  constructor(dataDir: string, opts: AuditLogOptions = {}) {
    this.dir = auditDir(dataDir);
    this.file = join(this.dir, CURRENT_FILE);
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.user = opts.user ?? currentUser();
    this.source = opts.source;
    this.fsync = opts.fsync !== false;
    this.now = opts.now ?? (() => new Date());
  }

  /** Appends one entry; resolves once it is on disk. */
  append(input: AuditEntryInput): Promise<AuditEntry> {
    const entry = this.toEntry(input);
    try {
      refuseInsideFolder(this.dir, entry.folder);
    } catch (err) {
      return Promise.reject(err);
    }
    const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    return enqueue(this.file, async () => {
      await mkdir(this.dir, { recursive: true });
      await this.rotateIfNeeded();
      await appendLine(this.file, line, this.fsync);
      return entry;
    });
  }

  /**
   * Records that the server of `folder` has reloaded every change made up to `until`
   * (default: now). Appended, never rewritten: readers derive `pushed` from it.
   */
  markPushed(
    folder: string,
    until?: Date | string,
    details: { outcome?: string; message?: string } = {},
  ): Promise<AuditEntry> {
    const at = until === undefined ? this.now() : new Date(until);
    if (Number.isNaN(at.getTime())) return Promise.reject(new Error(`markPushed: invalid time ${String(until)}.`));
    return this.append({
      folder,
      action: 'push',
      sessions: [],
      pushed: true,
      until: at.toISOString(),
      outcome: details.outcome ?? 'success',
      ...(details.message ? { message: details.message } : {}),
    });
  }

  /** Records a push that did not succeed (it covers nothing). */
  recordFailedPush(folder: string, outcome: string, message: string): Promise<AuditEntry> {
    return this.append({ folder, action: 'push', sessions: [], pushed: false, outcome, message });
  }

  read(query: AuditQuery = {}): Promise<AuditReadResult> {
    return readAuditDir(this.dir, query);
  }

  private toEntry(input: AuditEntryInput): AuditEntry {
    const entry: AuditEntry = {
      time: this.now().toISOString(),
      user: this.user,
      folder: resolve(input.folder),
      action: input.action,
      sessions: input.sessions.map(cleanChange),
      actionId: input.actionId ?? randomUUID(),
    };
    if (input.undoes !== undefined) entry.undoes = input.undoes;
    if (input.pushed !== undefined) entry.pushed = input.pushed;
    if (input.until !== undefined) entry.until = input.until;
    if (input.outcome !== undefined) entry.outcome = input.outcome;
    if (input.message !== undefined) entry.message = input.message;
    if (this.source !== undefined) entry.source = this.source;
    return entry;
  }

  /**
   * Best effort: if the rename fails (on Windows another process may hold the file
   * open for its append), the entry still goes into the current file and a later
   * append rotates. Losing an entry to a failed rotation would be far worse.
   */
  private async rotateIfNeeded(): Promise<void> {
    try {
      const size = await fileSize(this.file);
      if (size < this.maxBytes) return;
      await withRotationLock(this.dir, async () => {
        // Another process may have rotated between our stat and the lock.
        if ((await fileSize(this.file)) < this.maxBytes) return;
        const target = await freeRotatedName(this.dir, this.now());
        await rename(this.file, target);
      });
    } catch {
      // keep appending to the current file
    }
  }
}

export function createAuditLog(dataDir: string, opts?: AuditLogOptions): AuditLog {
  return new AuditLog(dataDir, opts);
}

/** Reads the log of a data directory (the one AuditLog(dataDir) writes). */
export function readAuditLog(dataDir: string, query: AuditQuery = {}): Promise<AuditReadResult> {
  return readAuditDir(auditDir(dataDir), query);
}

function cleanChange(c: AuditSessionChange): AuditSessionChange {
  const out: AuditSessionChange = { app: c.app, id: c.id };
  if (c.before !== undefined) out.before = c.before;
  if (c.after !== undefined) out.after = c.after;
  return out;
}

/** The log must never land inside the MobileApps folder it describes. */
function refuseInsideFolder(logDir: string, folder: string): void {
  const rel = relative(resolve(folder), logDir);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new Error(
      `The audit log (${logDir}) must not be inside the MobileApps folder ${folder}; choose another data directory.`,
    );
  }
}

// --- writing --------------------------------------------------------------------------------

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return 0;
    throw err;
  }
}

/** One write() on an O_APPEND descriptor, on a fresh line even after a torn entry. */
async function appendLine(path: string, line: Buffer, doSync: boolean): Promise<void> {
  const fh = await open(path, 'a+', 0o600);
  try {
    let data = line;
    const { size } = await fh.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) data = Buffer.concat([Buffer.from('\n'), line]);
    }
    let written = 0;
    // A regular-file write completes in one call in practice; the loop only guards
    // against a short write (disk nearly full) so no entry is silently cut.
    while (written < data.length) {
      const { bytesWritten } = await fh.write(data, written, data.length - written);
      if (bytesWritten <= 0) throw new Error(`Could not write to the audit log ${path}.`);
      written += bytesWritten;
    }
    if (doSync) await fh.datasync();
  } finally {
    await fh.close();
  }
}

async function withRotationLock(dir: string, task: () => Promise<void>): Promise<void> {
  const lock = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lock, 'wx');
      await fh.close();
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
      if (attempt === 0 && (await isStale(lock))) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      return; // another process is rotating; our entry goes into whichever file is current
    }
    try {
      await task();
    } finally {
      await unlink(lock).catch(() => undefined);
    }
    return;
  }
}

async function isStale(lock: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(lock)).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false;
  }
}

async function freeRotatedName(dir: string, now: Date): Promise<string> {
  const day = now.toISOString().slice(0, 10);
  const taken = new Set(await readdir(dir));
  if (!taken.has(`audit-${day}.jsonl`)) return join(dir, `audit-${day}.jsonl`);
  for (let n = 2; ; n++) {
    const name = `audit-${day}-${n}.jsonl`;
    if (!taken.has(name)) return join(dir, name);
  }
}

// A cross-process lock for our own processes on one machine (desktop app, browser
// mode, command line): they serialize their read-modify-write of one session file
// (or of the unpushed-changes file) through it. 4D Server does not take it; this only
// stops OUR processes from overwriting each other's edits.
//
// The lock is a file `<lockDir>/<sha256(key)>.lock` created with O_CREAT|O_EXCL
// (atomic on every local file system), holding the owner's pid and a random token.
// It lives outside MobileApps (nothing new may ever appear there): by default in a
// per-user folder of the OS temp directory — per user, because a folder every user
// can write lets another account block or fake our locks.
//
// Stale locks: a lock whose pid no longer runs (a crash), or whose file has not been
// touched for `staleMs` (the holder heart-beats it while it works, so only a hung or
// reused pid gets there), is broken. Breaking goes through a second, short-lived
// "breaker" lock so two waiters never both delete: one of them could otherwise
// delete the fresh lock the other just took.

import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../../../shared/api-error';

export interface LockOptions {
  /** Folder holding the lock files (default: defaultLockDir()). */
  dir?: string;
  /** Give up after waiting this long (default 15 s). */
  timeoutMs?: number;
  /** A lock file untouched for this long is stale even when its pid runs (default 20 s). */
  staleMs?: number;
  /** What the lock protects, for the error message ("session 1a2b of app X"). */
  label?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_STALE_MS = 20_000;
/** The holder touches its lock file this often, well inside staleMs. */
const HEARTBEAT_MS = 3_000;
/** A lock file without readable content this old was left by a writer that died between create and write. */
const UNREADABLE_STALE_MS = 2_000;
const FIRST_WAIT_MS = 1;
// Short: a lock is held for one file edit (milliseconds); a long sleep would leave it free while we wait.
const MAX_WAIT_MS = 8;

/** `<tmp>/mobile-session-manager-locks-<uid>`; MSM_LOCK_DIR overrides it (tests). */
export function defaultLockDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MSM_LOCK_DIR) return env.MSM_LOCK_DIR;
  let user: string;
  try {
    user = String(userInfo().uid >= 0 ? userInfo().uid : userInfo().username);
  } catch {
    user = env.USER ?? env.USERNAME ?? 'user';
  }
  return join(tmpdir(), `mobile-session-manager-locks-${user.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
}

/** The lock file of `key` (a folder's real path, plus a session when the lock is per session). */
export function lockFileOf(dir: string, key: string): string {
  return join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.lock`);
}

/** In this process, waiters of one key queue here first: only the head of the queue polls the file. */
const localQueues = new Map<string, Promise<unknown>>();

/** Runs `task` while holding the lock of `key`; the lock is released however `task` ends. */
export async function withLock<T>(key: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const path = lockFileOf(options.dir ?? defaultLockDir(), key);
  const prev = localQueues.get(path) ?? Promise.resolve();
  const run = prev.then(
    () => holdFileLock(path, task, options),
    () => holdFileLock(path, task, options),
  );
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  localQueues.set(path, settled);
  void settled.then(() => {
    if (localQueues.get(path) === settled) localQueues.delete(path);
  });
  return run;
}

async function holdFileLock<T>(path: string, task: () => Promise<T>, options: LockOptions): Promise<T> {
  const token = await acquire(path, options);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await task();
  } finally {
    clearInterval(heartbeat);
    await release(path, token);
  }
}

interface LockContent {
  pid: number;
  token: string;
}

async function acquire(path: string, options: LockOptions): Promise<string> {
  const token = randomUUID();
  const content = JSON.stringify({ pid: process.pid, token, at: new Date().toISOString() });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let wait = FIRST_WAIT_MS;
  let madeDir = false;
  for (;;) {
    try {
      await createExclusive(path, content);
      return token;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !madeDir) {
        await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
        madeDir = true;
        continue;
      }
      if (code !== 'EEXIST') throw new ApiError('io', `Cannot take the lock ${path} (${code ?? String(err)}).`);
    }
    const holder = await readHolder(path);
    if (await isStale(path, holder, options.staleMs ?? DEFAULT_STALE_MS)) {
      await breakStale(path, holder?.token ?? null);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? ` (held by process ${holder.pid})` : '';
      const what = options.label ?? 'this file';
      throw new ApiError(
        'io',
        `Another Mobile Session Manager process kept ${what} locked for over ${Math.round(timeoutMs / 1000)} s${who}; try again.`,
      );
    }
    await sleep(wait + Math.random() * wait);
    wait = Math.min(MAX_WAIT_MS, wait * 2);
  }
}

async function createExclusive(path: string, content: string): Promise<void> {
  const fh = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  try {
    await fh.writeFile(content);
  } finally {
    await fh.close();
  }
}

/** The holder written in the lock file; null while it is being written (or gone). */
async function readHolder(path: string): Promise<LockContent | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { pid, token } = parsed as Record<string, unknown>;
    return typeof pid === 'number' && typeof token === 'string' ? { pid, token } : null;
  } catch {
    return null;
  }
}

/** A lock whose pid is gone, or untouched for staleMs; an unreadable one (its writer died mid-write) after a moment. */
async function isStale(path: string, holder: LockContent | null, staleMs: number): Promise<boolean> {
  if (holder && !pidRuns(holder.pid)) return true;
  try {
    const age = Date.now() - (await stat(path)).mtimeMs;
    return age > (holder ? staleMs : UNREADABLE_STALE_MS);
  } catch {
    return false; // released meanwhile: the next attempt takes it
  }
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // runs, as another user
  }
}

/** Deletes the lock only if it still holds the stale token, under a short breaker lock. */
async function breakStale(path: string, staleToken: string | null): Promise<void> {
  const breaker = `${path}.break`;
  try {
    await createExclusive(breaker, String(process.pid));
  } catch {
    // Someone else is breaking it; a breaker left by a crash (it lives microseconds) is removed after a while.
    const age = await stat(breaker).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > 2_000) await unlink(breaker).catch(() => undefined);
    return;
  }
  try {
    const holder = await readHolder(path);
    if ((holder?.token ?? null) === staleToken) await unlink(path).catch(() => undefined);
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

async function release(path: string, token: string): Promise<void> {
  // Only our own lock: if it was broken as stale (we hung) and someone else holds it now, leave theirs.
  const holder = await readHolder(path);
  if (holder?.token === token) await unlink(path).catch(() => undefined);
}

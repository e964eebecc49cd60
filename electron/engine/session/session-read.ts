// Reads one session file into a record or a problem. Two flavours of the same
// steps (open, fstat, read, close, parse): a synchronous one for the scan loop,
// which runs in a worker (or in short main-thread slices) where synchronous calls
// are ten times faster than fs.promises; and an async one for the watcher and the
// API, which run on the main thread and must never stall it on a slow share.
// Both open through session/regular-file.ts: a symlink is never followed and a
// FIFO, socket or device is never opened; each is a problem "not a regular file".

import { closeSync, readSync, type BigIntStats, type Stats } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api-error';
import { errnoCode, toFsApiError } from '../fs-errors';
import type { Problem, SessionRecord } from '../../../shared/types';
import { MAX_SESSION_BYTES, parseSessionBytes } from './session-file';
import { IrregularFileError, openRegularFile, openRegularFileSync, withTimeout } from './regular-file';

/** How long one async read may take before the file counts as unreadable (a hung share). */
export const READ_TIMEOUT_MS = 10_000;
export type SessionReadResult =
  | { kind: 'record'; record: SessionRecord; appName: string | null }
  | { kind: 'problem'; problem: Problem; size: number }
  /** The file vanished, or is not a regular file: nothing to report. */
  | { kind: 'gone' };

/** A reusable read buffer, grown on demand (one per thread). */
export class ReadBuffer {
  private buf = Buffer.allocUnsafe(64 * 1024);
  ensure(size: number): Buffer {
    if (this.buf.length < size) this.buf = Buffer.allocUnsafe(Math.max(size, this.buf.length * 2));
    return this.buf;
  }
}

function isGone(err: unknown): boolean {
  if (err instanceof IrregularFileError) return err.kind === 'directory';
  const code = errnoCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

function problem(
  root: string,
  app: string,
  file: string,
  code: Problem['code'],
  reason: string,
  mtimeMs: number,
): Problem {
  return { app, file, code, reason, location: join(root, app, file), mtimeMs };
}

const NO_BYTES = Buffer.alloc(0);

/** parseSessionBytes words the "too-large" problem from the size alone; the bytes are never read. */
function tooLarge(root: string, app: string, file: string, size: number, mtimeMs: number): SessionReadResult {
  return toReadResult(root, app, file, NO_BYTES, { mtimeMs, size });
}

/** A file we may not or will not read, as a problem saying why and what to do. */
function unreadable(root: string, app: string, file: string, err: unknown): SessionReadResult {
  if (err instanceof IrregularFileError && err.kind !== 'timeout' && err.kind !== 'too-large') {
    const reason = `${err.message} Sessions are plain files written by 4D Server; remove it (Problems view: Move to trash).`;
    return { kind: 'problem', problem: problem(root, app, file, 'not-regular', reason, 0), size: 0 };
  }
  return { kind: 'problem', problem: problem(root, app, file, 'unreadable', unreadableReason(err), 0), size: 0 };
}

export function unreadableReason(err: unknown): string {
  const code = errnoCode(err);
  if (code === 'EACCES' || code === 'EPERM') {
    return 'The file cannot be read (permission denied). Give the account running this app read and write access to it, as 4D Server has.';
  }
  if (err instanceof IrregularFileError) return `The file cannot be read: ${err.message}`;
  return `The file cannot be read (${code ?? (err instanceof Error ? err.message : String(err))}).`;
}

/** The application name a session carries, used when the app folder has no manifest. */
function sessionAppName(json: Record<string, unknown>): string | null {
  const application = json['application'];
  if (typeof application !== 'object' || application === null) return null;
  const name = (application as Record<string, unknown>)['name'];
  return typeof name === 'string' && name !== '' ? name : null;
}

/** Parses bytes already read; shared by both flavours. */
export function toReadResult(
  root: string,
  app: string,
  file: string,
  bytes: Buffer,
  stat: { mtimeMs: number; size: number; shallow?: boolean },
): SessionReadResult {
  const parsed = parseSessionBytes(app, file, bytes, stat);
  if (parsed.ok) return { kind: 'record', record: parsed.record, appName: sessionAppName(parsed.json) };
  return {
    kind: 'problem',
    problem: problem(root, app, file, parsed.code, parsed.reason, stat.mtimeMs),
    size: stat.size,
  };
}

/**
 * Reads the whole file into the shared buffer. The buffer has room for one byte
 * more than fstat's size, so a short read means EOF and the common case costs a
 * single read call (a second "read 0 bytes" call per file is 10% of a scan).
 * Returns null when the file outgrew the size limit while being read.
 */
function readAllSync(fd: number, rb: ReadBuffer, expected: number): { bytes: Buffer; n: number } | null {
  let buf = rb.ensure(expected + 1);
  let n = 0;
  for (;;) {
    const got = readSync(fd, buf, n, buf.length - n, null);
    n += got;
    if (got === 0 || n < buf.length) return { bytes: buf, n };
    if (n > MAX_SESSION_BYTES) return null;
    const bigger = rb.ensure(buf.length * 2);
    if (bigger !== buf) buf.copy(bigger, 0, 0, n);
    buf = bigger;
  }
}

export function readSessionSync(root: string, app: string, file: string, rb: ReadBuffer): SessionReadResult {
  let fd: number;
  let st;
  try {
    ({ fd, stats: st } = openRegularFileSync(join(root, app, file)));
  } catch (err) {
    return isGone(err) ? { kind: 'gone' } : unreadable(root, app, file, err);
  }
  try {
    if (st.size > MAX_SESSION_BYTES) return tooLarge(root, app, file, st.size, st.mtimeMs);
    const read = readAllSync(fd, rb, st.size);
    if (!read) return tooLarge(root, app, file, MAX_SESSION_BYTES + 1, st.mtimeMs);
    const bytes = read.bytes.subarray(0, read.n);
    return toReadResult(root, app, file, bytes, { mtimeMs: st.mtimeMs, size: read.n });
  } catch (err) {
    return isGone(err) ? { kind: 'gone' } : unreadable(root, app, file, err);
  } finally {
    closeSync(fd);
  }
}

/** The async flavour, bounded in time: a share that stops answering costs this read, not the process. */
export async function readSessionAsync(
  root: string,
  app: string,
  file: string,
  timeoutMs = READ_TIMEOUT_MS,
): Promise<SessionReadResult> {
  try {
    return await withTimeout(readAsync(root, app, file), timeoutMs);
  } catch (err) {
    return isGone(err) ? { kind: 'gone' } : unreadable(root, app, file, err);
  }
}

async function readAsync(root: string, app: string, file: string): Promise<SessionReadResult> {
  const { handle, stats: st } = await openRegularFile(join(root, app, file));
  try {
    if (st.size > MAX_SESSION_BYTES) return tooLarge(root, app, file, st.size, st.mtimeMs);
    const buf = Buffer.allocUnsafe(st.size + 1);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    if (bytesRead > MAX_SESSION_BYTES) return tooLarge(root, app, file, bytesRead, st.mtimeMs);
    return toReadResult(root, app, file, buf.subarray(0, bytesRead), { mtimeMs: st.mtimeMs, size: bytesRead });
  } finally {
    await handle.close();
  }
}

/**
 * One session's bytes for the API (getSession, edits, delete): the same safe open,
 * bounded in size and time, and every failure a typed ApiError, never a hang or a 500.
 * A file over the size limit comes back empty with its size (the parse words the problem).
 */
export async function readSessionForApi(path: string, label: string, timeoutMs = READ_TIMEOUT_MS): Promise<ApiRead> {
  try {
    return await withTimeout(readForApi(path), timeoutMs);
  } catch (err) {
    if (err instanceof IrregularFileError) {
      if (err.kind === 'timeout') throw new ApiError('io', `${label} cannot be read: ${err.message}`);
      throw new ApiError('invalid-session', `${label}: ${err.message}`);
    }
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ApiError('not-found', `${label} no longer exists on disk.`);
    throw toFsApiError(err, `${label} cannot be read`, path);
  }
}

export interface ApiRead {
  bytes: Buffer;
  stats: Stats;
  /** Nanosecond times and the inode: an edit compares them to see whether someone wrote meanwhile. */
  big: BigIntStats;
}

async function readForApi(path: string): Promise<ApiRead> {
  const { handle, stats } = await openRegularFile(path);
  try {
    const big = await handle.stat({ bigint: true });
    if (stats.size > MAX_SESSION_BYTES) return { bytes: Buffer.alloc(0), stats, big };
    const buf = Buffer.allocUnsafe(stats.size + 1);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return { bytes: buf.subarray(0, bytesRead), stats, big };
  } finally {
    await handle.close();
  }
}

// Reads one session file into a record or a problem. Two flavours of the same
// steps (open, fstat, read to EOF, close, parse): a synchronous one for the
// scan loop, which runs in a worker (or in short main-thread slices) where
// synchronous calls are ten times faster than fs.promises; and an async one
// for the watcher, which reads a handful of files on the main thread and must
// never stall it on a slow share.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem, SessionRecord } from '../../../shared/types';
import { MAX_SESSION_BYTES, parseSessionBytes } from './session-file';

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

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function isGone(err: unknown): boolean {
  const code = errnoCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

function problem(root: string, app: string, file: string, code: Problem['code'], reason: string, mtimeMs: number): Problem {
  return { app, file, code, reason, location: join(root, app, file), mtimeMs };
}

const NO_BYTES = Buffer.alloc(0);

/** parseSessionBytes words the "too-large" problem from the size alone; the bytes are never read. */
function tooLarge(root: string, app: string, file: string, size: number, mtimeMs: number): SessionReadResult {
  return toReadResult(root, app, file, NO_BYTES, { mtimeMs, size });
}

function unreadable(root: string, app: string, file: string, err: unknown): SessionReadResult {
  const reason = `The file cannot be read (${errnoCode(err) ?? (err instanceof Error ? err.message : String(err))}).`;
  return { kind: 'problem', problem: problem(root, app, file, 'unreadable', reason, 0), size: 0 };
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
  stat: { mtimeMs: number; size: number },
): SessionReadResult {
  const parsed = parseSessionBytes(app, file, bytes, stat);
  if (parsed.ok) return { kind: 'record', record: parsed.record, appName: sessionAppName(parsed.json) };
  return { kind: 'problem', problem: problem(root, app, file, parsed.code, parsed.reason, stat.mtimeMs), size: stat.size };
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
  try {
    fd = openSync(join(root, app, file), 'r');
  } catch (err) {
    return isGone(err) ? { kind: 'gone' } : unreadable(root, app, file, err);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'gone' };
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

export async function readSessionAsync(root: string, app: string, file: string): Promise<SessionReadResult> {
  let handle;
  try {
    handle = await open(join(root, app, file), 'r');
  } catch (err) {
    return isGone(err) ? { kind: 'gone' } : unreadable(root, app, file, err);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { kind: 'gone' };
    if (st.size > MAX_SESSION_BYTES) return tooLarge(root, app, file, st.size, st.mtimeMs);
    const bytes = await handle.readFile();
    if (bytes.length > MAX_SESSION_BYTES) return tooLarge(root, app, file, bytes.length, st.mtimeMs);
    return toReadResult(root, app, file, bytes, { mtimeMs: st.mtimeMs, size: bytes.length });
  } catch (err) {
    return isGone(err) ? { kind: 'gone' } : unreadable(root, app, file, err);
  } finally {
    await handle.close();
  }
}

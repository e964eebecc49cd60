// The one way the engine opens a file it did not write: the MobileApps folder is
// writable by anyone on the share, so a name that looks like a session may be a
// FIFO (opening it for reading blocks until a writer appears), a socket, a device,
// a symlink out of the folder, or a 5 GB file. Every read path (scan, watcher,
// polling, getSession, edits, delete, undo, manifest, CLI) goes through here:
//   - O_NOFOLLOW: a symlink in the last component fails with ELOOP, never followed;
//   - O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer;
//   - fstat on the open descriptor (not a stat before open: no race) must say
//     "regular file", and its size must be within the bound;
//   - the read itself is bounded in time, so a hung share costs that request.
// Windows has no O_NOFOLLOW/O_NONBLOCK: there an lstat before the open refuses
// links, and FIFOs do not exist in NTFS folders.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';

export type IrregularKind = 'symlink' | 'fifo' | 'socket' | 'device' | 'directory' | 'other';

/** A file the engine refuses to read, with the reason a user can act on. */
export class IrregularFileError extends Error {
  constructor(
    readonly kind: IrregularKind | 'too-large' | 'timeout',
    message: string,
    /** For 'too-large': the size found. */
    readonly size?: number,
  ) {
    super(message);
    this.name = 'IrregularFileError';
  }
}

export interface ReadBounds {
  maxBytes: number;
  /** Async reads only: give up after this long (a hung network share). */
  timeoutMs?: number;
}

export interface RegularFile {
  bytes: Buffer;
  stats: Stats;
}

const HAS_NOFOLLOW = typeof constants.O_NOFOLLOW === 'number';
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export function kindOf(stats: Stats): IrregularKind | null {
  if (stats.isFile()) return null;
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  if (stats.isDirectory()) return 'directory';
  return 'other';
}

const KIND_TEXT: Record<IrregularKind, string> = {
  symlink: 'a symbolic link (links are never followed)',
  fifo: 'a named pipe (FIFO)',
  socket: 'a socket',
  device: 'a device file',
  directory: 'a folder',
  other: 'not a regular file',
};

export function irregularError(kind: IrregularKind): IrregularFileError {
  const what = KIND_TEXT[kind];
  return new IrregularFileError(kind, kind === 'other' ? 'Not a regular file.' : `Not a regular file: it is ${what}.`);
}

function tooLarge(size: number, maxBytes: number): IrregularFileError {
  return new IrregularFileError('too-large', `File too large: ${size} bytes (the limit is ${maxBytes}).`, size);
}

function checkStats(stats: Stats, maxBytes: number): void {
  const kind = kindOf(stats);
  if (kind) throw irregularError(kind);
  if (stats.size > maxBytes) throw tooLarge(stats.size, maxBytes);
}

function codeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

/**
 * ELOOP from O_NOFOLLOW means the last component is a link; ENXIO/EOPNOTSUPP
 * mean a socket or a device without a driver: say which, from an lstat.
 */
function irregularOrRethrow(err: unknown, absPath: string): never {
  const code = codeOf(err);
  if (code === 'ELOOP') throw irregularError('symlink');
  if (code === 'ENXIO' || code === 'EOPNOTSUPP') {
    let kind: IrregularKind | null = 'other';
    try {
      kind = kindOf(lstatSync(absPath)) ?? 'other';
    } catch {
      // gone meanwhile: still not something we can read
    }
    throw irregularError(kind);
  }
  throw err;
}

/**
 * Opens a regular file for reading, refusing anything else (symlink, FIFO, socket,
 * device, folder) without blocking; the caller reads and closes `fd`.
 */
export function openRegularFileSync(absPath: string): { fd: number; stats: Stats } {
  if (!HAS_NOFOLLOW) checkStats(lstatSync(absPath), Infinity);
  let fd: number;
  try {
    fd = openSync(absPath, OPEN_FLAGS);
  } catch (err) {
    irregularOrRethrow(err, absPath);
  }
  try {
    const stats = fstatSync(fd);
    checkStats(stats, Infinity);
    return { fd, stats };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** The async twin of openRegularFileSync; the caller closes `handle`. */
export async function openRegularFile(absPath: string): Promise<{ handle: FileHandle; stats: Stats }> {
  if (!HAS_NOFOLLOW) checkStats(await lstat(absPath), Infinity);
  let handle: FileHandle;
  try {
    handle = await open(absPath, OPEN_FLAGS);
  } catch (err) {
    irregularOrRethrow(err, absPath);
  }
  try {
    const stats = await handle.stat();
    checkStats(stats, Infinity);
    return { handle, stats };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** Reads a regular file, refusing anything else; synchronous (scan workers, CLI). */
export function readRegularFileSync(absPath: string, bounds: ReadBounds): RegularFile {
  const { fd, stats } = openRegularFileSync(absPath);
  try {
    checkStats(stats, bounds.maxBytes);
    // One byte more than fstat's size tells a file that grew since; a regular
    // file's read is short only at its end, so one call reads it all.
    const buf = Buffer.allocUnsafe(Math.min(stats.size, bounds.maxBytes) + 1);
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n > bounds.maxBytes) throw tooLarge(n, bounds.maxBytes);
    return { bytes: buf.subarray(0, n), stats };
  } finally {
    closeSync(fd);
  }
}

/** Reads a regular file, refusing anything else, within bounds of size and time. */
export async function readRegularFile(absPath: string, bounds: ReadBounds): Promise<RegularFile> {
  return withTimeout(readBounded(absPath, bounds.maxBytes), bounds.timeoutMs);
}

/**
 * Rejects with IrregularFileError('timeout') when `work` takes longer than `ms`. The
 * work itself goes on (a system call cannot be cancelled) and cleans up after itself.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number | undefined): Promise<T> {
  if (!ms) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new IrregularFileError('timeout', `No answer from the disk after ${ms} ms (a network share that hangs?).`),
        ),
      ms,
    );
  });
  work.catch(() => undefined); // a late failure after the timeout is not an unhandled rejection
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(absPath: string, maxBytes: number): Promise<RegularFile> {
  const { handle, stats } = await openRegularFile(absPath);
  try {
    checkStats(stats, maxBytes);
    const buf = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    const { bytesRead: n } = await handle.read(buf, 0, buf.length, 0);
    if (n > maxBytes) throw tooLarge(n, maxBytes);
    return { bytes: buf.subarray(0, n), stats };
  } finally {
    await handle.close();
  }
}

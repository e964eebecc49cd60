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
  return new IrregularFileError('too-large', `File too large: ${size} bytes (the limit is ${maxBytes}).`);
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

/** Reads a regular file, refusing anything else; synchronous (scan workers, CLI). */
export function readRegularFileSync(absPath: string, bounds: ReadBounds): RegularFile {
  if (!HAS_NOFOLLOW) checkStats(lstatSync(absPath), bounds.maxBytes);
  let fd: number;
  try {
    fd = openSync(absPath, OPEN_FLAGS);
  } catch (err) {
    irregularOrRethrow(err, absPath);
  }
  try {
    const stats = fstatSync(fd);
    checkStats(stats, bounds.maxBytes);
    // One byte more than the bound tells a file that grew since the fstat.
    const buf = Buffer.allocUnsafe(Math.min(stats.size, bounds.maxBytes) + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, n);
      if (r === 0) break;
      n += r;
      if (n === buf.length) {
        if (n > bounds.maxBytes) throw tooLarge(n, bounds.maxBytes);
        break;
      }
    }
    return { bytes: buf.subarray(0, n), stats };
  } finally {
    closeSync(fd);
  }
}

/** Reads a regular file, refusing anything else, within bounds of size and time. */
export async function readRegularFile(absPath: string, bounds: ReadBounds): Promise<RegularFile> {
  const work = readBounded(absPath, bounds.maxBytes);
  if (!bounds.timeoutMs) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new IrregularFileError('timeout', `No answer from the disk after ${bounds.timeoutMs} ms.`)),
      bounds.timeoutMs,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(absPath: string, maxBytes: number): Promise<RegularFile> {
  if (!HAS_NOFOLLOW) checkStats(await lstat(absPath), maxBytes);
  let handle: FileHandle;
  try {
    handle = await open(absPath, OPEN_FLAGS);
  } catch (err) {
    irregularOrRethrow(err, absPath);
  }
  try {
    const stats = await handle.stat();
    checkStats(stats, maxBytes);
    const buf = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n === buf.length) {
        if (n > maxBytes) throw tooLarge(n, maxBytes);
        break;
      }
    }
    return { bytes: buf.subarray(0, n), stats };
  } finally {
    await handle.close();
  }
}

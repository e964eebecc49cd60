// The scan's reads of one session file, synchronous (workers on a local disk, the
// main thread's slices, the CLI) and asynchronous (many in flight on a network
// share). Both follow the one rule for files we did not write (regular-file.ts):
// never follow a link, never open a FIFO/socket/device blocking, bounded size; and
// refuse JSON nested deeper than any session before anything walks it.

import type { Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import type { Problem } from '../../../shared/types';
import { MAX_JSON_DEPTH, jsonNestingDepth } from '../session/json-depth';
import { isSessionFileName, MAX_SESSION_BYTES } from '../session/session-file';
import { IrregularFileError, irregularError, readRegularFile, readRegularFileSync } from '../session/regular-file';
import type { RegularFile } from '../session/regular-file';
import { toReadResult, type SessionReadResult } from '../session/session-read';
import { errnoCode } from '../fs-errors';

/** An async read that has not answered after this long costs that file (a problem), never the scan. */
export const SCAN_READ_TIMEOUT_MS = 30_000;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

function problemResult(
  root: string,
  app: string,
  file: string,
  code: Problem['code'],
  reason: string,
  mtimeMs = 0,
): SessionReadResult {
  return { kind: 'problem', problem: { app, file, code, reason, location: join(root, app, file), mtimeMs }, size: 0 };
}

/**
 * Counting the opening brackets (memchr, native) rules out deep nesting for nearly
 * every file: with at most MAX_JSON_DEPTH of them the depth cannot exceed it. Only
 * files with more pay for the exact, string-aware count.
 */
function tooDeep(bytes: Buffer): boolean {
  let opens = 0;
  for (const byte of [OPEN_BRACE, OPEN_BRACKET]) {
    for (let i = bytes.indexOf(byte); i >= 0; i = bytes.indexOf(byte, i + 1)) {
      if (++opens > MAX_JSON_DEPTH) return jsonNestingDepth(bytes.toString('utf8')) > MAX_JSON_DEPTH;
    }
  }
  return false;
}

function fromFile(root: string, app: string, file: string, read: RegularFile): SessionReadResult {
  const { bytes, stats } = read;
  if (tooDeep(bytes)) {
    const reason = `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep; no session is, so it was not loaded.`;
    return problemResult(root, app, file, 'too-deep', reason, stats.mtimeMs);
  }
  // Proven shallow here: the parse need not count the brackets again.
  return toReadResult(root, app, file, bytes, { mtimeMs: stats.mtimeMs, size: bytes.length, shallow: true });
}

function fromError(root: string, app: string, file: string, err: unknown): SessionReadResult {
  if (err instanceof IrregularFileError) {
    if (err.kind === 'too-large')
      return toReadResult(root, app, file, Buffer.alloc(0), { mtimeMs: 0, size: MAX_SESSION_BYTES + 1 });
    const code = err.kind === 'timeout' ? 'unreadable' : 'not-regular';
    return problemResult(root, app, file, code, err.message);
  }
  const code = errnoCode(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'gone' };
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : (code ?? (err instanceof Error ? err.message : String(err)));
  return problemResult(root, app, file, 'unreadable', `The file cannot be read (${why}).`);
}

/** The last folder's joined path: a scan reads a folder's files one after another. */
let lastRoot = '';
let lastApp = '';
let lastDir = '';

/**
 * join(root, app, file) without normalizing the folder again for every file. A
 * session name is hex digits only (no ".", no separator), so appending it is what
 * join would give; any other name takes join itself.
 */
function filePath(root: string, app: string, file: string): string {
  if (!isSessionFileName(file)) return join(root, app, file);
  if (root !== lastRoot || app !== lastApp) {
    lastDir = join(root, app);
    // join('.', name) is "name"; any other folder path gets the separator once.
    if (lastDir === '.') lastDir = '';
    else if (!lastDir.endsWith(sep)) lastDir += sep;
    lastRoot = root;
    lastApp = app;
  }
  return lastDir + file;
}

export function readScanFileSync(root: string, app: string, file: string): SessionReadResult {
  try {
    return fromFile(root, app, file, readRegularFileSync(filePath(root, app, file), { maxBytes: MAX_SESSION_BYTES }));
  } catch (err) {
    return fromError(root, app, file, err);
  }
}

export async function readScanFile(root: string, app: string, file: string): Promise<SessionReadResult> {
  try {
    const bounds = { maxBytes: MAX_SESSION_BYTES, timeoutMs: SCAN_READ_TIMEOUT_MS };
    return fromFile(root, app, file, await readRegularFile(join(root, app, file), bounds));
  } catch (err) {
    return fromError(root, app, file, err);
  }
}

/**
 * A directory entry named like a session that the listing already shows is not a
 * regular file (link, FIFO, socket, device, folder): a problem, without opening it.
 * Entries of unknown type (file systems without d_type) go through the read, which checks.
 */
export function irregularEntry(root: string, app: string, entry: Dirent): SessionReadResult | null {
  if (entry.isFile()) return null;
  const kind = entry.isSymbolicLink()
    ? 'symlink'
    : entry.isFIFO()
      ? 'fifo'
      : entry.isSocket()
        ? 'socket'
        : entry.isCharacterDevice() || entry.isBlockDevice()
          ? 'device'
          : entry.isDirectory()
            ? 'directory'
            : null;
  return kind ? problemResult(root, app, entry.name, 'not-regular', irregularError(kind).message) : null;
}

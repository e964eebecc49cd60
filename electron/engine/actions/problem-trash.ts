// Moving one problem file (a file the Problems view lists: garbage, a FIFO, a link, a
// 20 MB file…) to the trash, and putting it back. Two ways, chosen per file:
//   - kept: a regular file within the in-memory bound is read the one safe way
//     (session/regular-file.ts), then handed to the injected trash (the OS trash on the
//     desktop); undo writes the exact bytes back with their mode and mtime, like a
//     deleted session (edit/session-delete.ts).
//   - moved: anything we must not or cannot read — a FIFO, socket, device, symlink, a
//     file over the bound or one we may not read — is never opened: the entry itself is
//     renamed into a fresh folder of the app's trash (data dir). A rename works only on
//     one disk; across disks a symlink is recreated from its target (reading a link
//     never follows it), anything else is refused with the reason.
// Undo never overwrites: a file that appeared meanwhile under the same name stays.

import { lstat, mkdir, mkdtemp, readlink, rename, rmdir, symlink, unlink, lutimes } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { dailyTrashFolder } from '../paths';
import { ApiError } from '../../../shared/api-error';
import { problemFileName } from '../../../shared/api-schema';
import type { ProblemRef } from '../../../shared/types';
import { writeFileAtomic } from '../edit/atomic-write';
import type { TrashFunction } from '../edit/session-delete';
import { errnoCode, toFsApiError } from '../fs-errors';
import { appPath, assertInsideRoot } from '../folder/root';
import { IrregularFileError, kindOf, readRegularFile } from '../session/regular-file';
import { MAX_SESSION_BYTES } from '../session/session-file';
import { READ_TIMEOUT_MS } from '../session/session-read';

export type TrashedProblem =
  | { how: 'kept'; ref: ProblemRef; bytes: Buffer; mtimeMs: number; mode: number }
  | { how: 'moved'; ref: ProblemRef; trashPath: string; what: string }
  | { how: 'link'; ref: ProblemRef; target: string; mtimeMs: number };

export interface ProblemTrashOptions {
  /** The injected trash for files whose bytes we keep (desktop: the OS trash). */
  trash: TrashFunction;
  /** The app's own trash folder (paths.ts trashDir): where unreadable entries are moved. */
  trashDir: string;
}

/** Anything this module says about a file names it like this (never the raw path alone). */
export function problemLabel(ref: ProblemRef): string {
  return `${ref.file} of app ${ref.app}`;
}

/**
 * The absolute path of a problem file. Both names must be single segments; the app folder
 * must really be inside the root (links resolved). The file itself is never resolved: a
 * link is acted on as a link.
 */
export async function problemPath(root: string, ref: ProblemRef): Promise<string> {
  const dir = appPath(root, ref.app);
  if (!problemFileName.safeParse(ref.file).success) {
    throw new ApiError(
      'outside-root',
      `"${ref.file}" is not a valid file name (it must be a single name inside an app folder).`,
    );
  }
  const path = join(dir, ref.file);
  if (dirname(path) !== dir) throw new ApiError('outside-root', `"${ref.file}" leads outside its app folder.`);
  await assertInsideRoot(root, dir);
  return path;
}

/** Moves one problem file to the trash; what undo needs to put it back. */
export async function trashProblemFile(
  root: string,
  ref: ProblemRef,
  opts: ProblemTrashOptions,
): Promise<TrashedProblem> {
  const path = await problemPath(root, ref);
  const st = await lstatOrNotFound(path, ref);
  if (st.isDirectory())
    throw new ApiError(
      'invalid-argument',
      `${capital(problemLabel(ref))} is a folder; only files are moved to the trash.`,
    );
  if (st.isFile() && st.size <= MAX_SESSION_BYTES) {
    const kept = await keepBytes(path, ref, st);
    if (kept) {
      try {
        await opts.trash(path);
      } catch (err) {
        if (errnoCode(err) === 'ENOENT') throw notFound(ref);
        throw toFsApiError(err, `Cannot move ${problemLabel(ref)} to the trash`, path);
      }
      return kept;
    }
  }
  return moveEntry(path, ref, st, opts.trashDir);
}

/**
 * The exact bytes of a small regular file, or null when it must be moved instead (we may
 * not read it, it changed type or grew meanwhile, or it changed while we read it).
 */
async function keepBytes(path: string, ref: ProblemRef, before: Stats): Promise<TrashedProblem | null> {
  let read: { bytes: Buffer; stats: Stats };
  try {
    read = await readRegularFile(path, { maxBytes: MAX_SESSION_BYTES, timeoutMs: READ_TIMEOUT_MS });
  } catch (err) {
    if (err instanceof IrregularFileError && err.kind === 'timeout') {
      throw new ApiError('io', `${capital(problemLabel(ref))} cannot be read: ${err.message}`);
    }
    const code = errnoCode(err);
    if (code === 'ENOENT') throw notFound(ref);
    if (err instanceof IrregularFileError || code === 'EACCES' || code === 'EPERM') return null;
    throw toFsApiError(err, `${capital(problemLabel(ref))} cannot be read`, path);
  }
  const after = await lstat(path).catch(() => null);
  if (!after || after.ino !== before.ino || after.mtimeMs !== read.stats.mtimeMs || after.size !== read.bytes.length)
    return null;
  return { how: 'kept', ref, bytes: read.bytes, mtimeMs: read.stats.mtimeMs, mode: read.stats.mode & 0o7777 };
}

/** Renames the entry itself into a fresh folder of the app's trash (nothing there to overwrite). */
async function moveEntry(path: string, ref: ProblemRef, st: Stats, trashDir: string): Promise<TrashedProblem> {
  const what = describeEntry(st);
  const dir = dailyTrashFolder(trashDir, ref.app);
  let holder: string;
  try {
    await mkdir(dir, { recursive: true });
    holder = await mkdtemp(join(dir, 'problem-'));
  } catch (err) {
    throw toFsApiError(err, 'Cannot create the trash folder', dir);
  }
  const dest = join(holder, ref.file);
  try {
    await rename(path, dest);
    return { how: 'moved', ref, trashPath: dest, what };
  } catch (err) {
    await rmdir(holder).catch(() => undefined);
    const code = errnoCode(err);
    if (code === 'ENOENT') throw notFound(ref);
    if (code === 'EXDEV' && st.isSymbolicLink()) return unlinkSymlink(path, ref, st);
    if (code === 'EXDEV') {
      throw new ApiError(
        'io',
        `Cannot move ${problemLabel(ref)} to the trash: it is ${what}, which is never read, and the app's trash (${trashDir}) ` +
          'is on another disk than the MobileApps folder, so it cannot be moved there either. Remove it with the file manager or a terminal on that disk.',
      );
    }
    throw toFsApiError(err, `Cannot move ${problemLabel(ref)} to the trash`, path);
  }
}

/** Across disks a link is just its target text: remember it, remove the link (never following it). */
async function unlinkSymlink(path: string, ref: ProblemRef, st: Stats): Promise<TrashedProblem> {
  try {
    const target = await readlink(path);
    const now = await lstat(path);
    if (!now.isSymbolicLink() || now.ino !== st.ino)
      throw new ApiError('io', `${capital(problemLabel(ref))} changed meanwhile; try again.`);
    await unlink(path);
    return { how: 'link', ref, target, mtimeMs: st.mtimeMs };
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') throw notFound(ref);
    throw toFsApiError(err, `Cannot move ${problemLabel(ref)} to the trash`, path);
  }
}

/** Puts a trashed problem file back exactly as it was; refuses to replace a file that is there again. */
export async function restoreProblemFile(root: string, t: TrashedProblem): Promise<void> {
  const { ref } = t;
  // The app folder may be gone: recreate it, then check it is (still) inside the root.
  const dir = appPath(root, ref.app);
  await assertInsideRoot(root, dir); // first: a root that vanished is never recreated by the mkdir
  await mkdir(dir, { recursive: true }).catch((err: unknown) => {
    throw toFsApiError(err, `Cannot recreate the folder of app ${ref.app}`, dir);
  });
  const path = await problemPath(root, ref);
  if (
    await lstat(path).then(
      () => true,
      () => false,
    )
  )
    throw existsAgain(ref);
  try {
    if (t.how === 'kept') await restoreBytes(path, t);
    else if (t.how === 'moved') await moveBack(t.trashPath, path);
    else await relink(path, t);
  } catch (err) {
    if (errnoCode(err) === 'EEXIST' || (err instanceof ApiError && err.message.includes('already exists')))
      throw existsAgain(ref);
    throw toFsApiError(err, `Cannot restore ${problemLabel(ref)}`, path);
  }
}

async function restoreBytes(path: string, t: Extract<TrashedProblem, { how: 'kept' }>): Promise<void> {
  await writeFileAtomic(path, t.bytes, { fsync: true, noOverwrite: true, mode: t.mode, mtimeMs: t.mtimeMs });
}

/** Rename back (the name was checked free just before); the trash's holder folder goes if empty. */
async function moveBack(from: string, to: string): Promise<void> {
  await rename(from, to);
  await rmdir(dirname(from)).catch(() => undefined);
}

async function relink(path: string, t: Extract<TrashedProblem, { how: 'link' }>): Promise<void> {
  await symlink(t.target, path); // EEXIST rather than replacing anything
  await lutimes(path, new Date(), t.mtimeMs / 1000).catch(() => undefined); // not on every file system
}

async function lstatOrNotFound(path: string, ref: ProblemRef): Promise<Stats> {
  try {
    return await lstat(path);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw notFound(ref);
    throw toFsApiError(err, `${capital(problemLabel(ref))} cannot be reached`, path);
  }
}

function describeEntry(st: Stats): string {
  const kind = kindOf(st);
  if (kind === null) return `a file of ${st.size} bytes`;
  return {
    symlink: 'a symbolic link',
    fifo: 'a named pipe (FIFO)',
    socket: 'a socket',
    device: 'a device file',
    directory: 'a folder',
    other: 'not a regular file',
  }[kind];
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function notFound(ref: ProblemRef): ApiError {
  return new ApiError('not-found', `${capital(problemLabel(ref))} no longer exists on disk.`);
}

function existsAgain(ref: ProblemRef): ApiError {
  return new ApiError(
    'io',
    `Cannot restore ${problemLabel(ref)}: a file with that name exists again; it was not overwritten.`,
  );
}

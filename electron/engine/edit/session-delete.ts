// Deleting sessions recoverably and undoing it. The desktop app injects Electron's
// shell.trashItem; elsewhere folderTrash moves files to a folder outside MobileApps.
// Either way the exact bytes are kept in memory so undo restores them byte for byte.

import { constants as fsConstants, type Stats } from 'node:fs';
import { copyFile, link, lstat, mkdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../../shared/api-error';
import type { SessionRef } from '../../../shared/types';
import { writeFileAtomic } from './atomic-write';
import { errnoCode, toFsApiError } from '../fs-errors';
import { dailyTrashFolder } from '../paths';
import { appPath, assertInsideRoot, sessionPath } from '../folder/root';
import { MAX_SESSION_BYTES } from '../session/session-file';
import { readSessionForApi } from '../session/session-read';

export type TrashFunction = (absPath: string) => Promise<void>;

export interface DeletedSession {
  ref: SessionRef;
  bytes: Buffer;
  mtimeMs: number;
  /** Permission bits of the deleted file, restored by undo when known. */
  mode?: number;
}

/** Attempts to read a file that keeps changing before it goes to the trash. */
const READ_ATTEMPTS = 5;

/**
 * A trash outside MobileApps: moves the file to trashDir/<YYYY-MM-DD>/<app>/<id>,
 * adding "-1", "-2"… rather than overwriting an earlier one. Works across disks.
 * trashDir must not be inside the MobileApps folder (the app uses its own data folder).
 */
export function folderTrash(trashDir: string): TrashFunction {
  return async (absPath: string) => {
    const dir = dailyTrashFolder(trashDir, basename(dirname(absPath)));
    try {
      await mkdir(dir, { recursive: true });
    } catch (err) {
      throw toFsApiError(err, 'Cannot create the trash folder', dir);
    }
    const name = basename(absPath);
    for (let n = 0; n < 1000; n++) {
      const dest = join(dir, n === 0 ? name : `${name}-${n}`);
      try {
        await moveNoOverwrite(absPath, dest);
        return;
      } catch (err) {
        if (errnoCode(err) === 'EEXIST') continue;
        throw toFsApiError(err, `Cannot move ${name} to the trash`, absPath);
      }
    }
    throw new ApiError('io', `Cannot move ${name} to the trash: ${dir} holds too many copies of it.`);
  };
}

/** Moves without ever replacing dest (EEXIST instead): hard link + unlink, or copy across disks. */
async function moveNoOverwrite(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
    await unlink(from);
    return;
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EXDEV') {
      const st = await stat(from);
      await copyFile(from, to, fsConstants.COPYFILE_EXCL);
      await utimes(to, st.atime, st.mtime);
      await unlink(from);
      return;
    }
    // No hard links on this file system (FAT, some shares): check, then rename.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') {
      if (
        await lstat(to).then(
          () => true,
          () => false,
        )
      )
        throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      await rename(from, to);
      return;
    }
    throw err;
  }
}

/** Reads the exact bytes, then trashes the file. ApiError('not-found') if it is already gone. */
export async function deleteSessionFile(root: string, ref: SessionRef, trash: TrashFunction): Promise<DeletedSession> {
  const path = sessionPath(root, ref);
  await assertInsideRoot(root, path);
  const label = `session ${ref.id} of app ${ref.app}`;
  const kept = await readUnchanging(path, label);
  try {
    await trash(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') throw notFound(label);
    throw toFsApiError(err, `Cannot move ${label} to the trash`, path);
  }
  return {
    ref: { app: ref.app, id: ref.id },
    bytes: kept.bytes,
    mtimeMs: kept.stats.mtimeMs,
    mode: kept.stats.mode & 0o7777,
  };
}

/**
 * The file's exact bytes (kept for undo), re-read if it changed between the read and a
 * final stat. Read the one safe way: a FIFO, socket or link is refused, never opened.
 */
async function readUnchanging(path: string, label: string): Promise<{ bytes: Buffer; stats: Stats }> {
  for (let attempt = 0; ; attempt++) {
    const read = await readSessionForApi(path, capitalize(label));
    if (read.stats.size > MAX_SESSION_BYTES) {
      // Undo keeps the bytes in memory: a file this large is not a session to delete here.
      throw new ApiError(
        'invalid-session',
        `Cannot delete ${label}: the file is larger than ${MAX_SESSION_BYTES} bytes.`,
      );
    }
    const now = await stat(path, { bigint: true }).catch(() => null);
    if (now === null) throw notFound(label);
    const same = now.mtimeNs === read.big.mtimeNs && now.size === read.big.size && now.ino === read.big.ino;
    if (same || attempt >= READ_ATTEMPTS) return { bytes: read.bytes, stats: read.stats };
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Writes the exact bytes back (atomically, never over an existing file) and restores
 * the modification time. Recreates the app folder if it vanished.
 */
export async function restoreSessionFile(root: string, deleted: DeletedSession): Promise<void> {
  const { ref } = deleted;
  const path = sessionPath(root, ref);
  const dir = appPath(root, ref.app);
  const label = `session ${ref.id} of app ${ref.app}`;
  await assertInsideRoot(root, path);
  if (
    await lstat(path).then(
      () => true,
      () => false,
    )
  ) {
    throw new ApiError('io', `Cannot restore ${label}: a file with that name exists again; it was not overwritten.`);
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw toFsApiError(err, `Cannot recreate the folder of app ${ref.app}`, dir);
  }
  await assertInsideRoot(root, dir); // the folder may have been replaced by a link meanwhile
  try {
    await writeFileAtomic(path, deleted.bytes, {
      fsync: true,
      noOverwrite: true,
      mode: deleted.mode,
      mtimeMs: deleted.mtimeMs,
    });
  } catch (err) {
    if (err instanceof ApiError && err.message.includes('already exists')) {
      throw new ApiError('io', `Cannot restore ${label}: a file with that name exists again; it was not overwritten.`);
    }
    throw err;
  }
}

function notFound(label: string): ApiError {
  return new ApiError('not-found', `${label.charAt(0).toUpperCase()}${label.slice(1)} no longer exists on disk.`);
}

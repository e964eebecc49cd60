// Atomic file replacement: write a temp file in the same folder, fsync, rename over
// the target. Readers (4D Server, our scanner) see the old bytes or the new bytes,
// never a mix. The temp name starts with a dot and has an extension, so it is never
// taken for a session file (see isSessionFileName) by us or by 4D.

import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../../../shared/api-error';
import { errnoCode, toFsApiError } from '../fs-errors';

export interface WriteAtomicOptions {
  /** Flush the data (and the folder entry) to disk before returning. Default true. */
  fsync?: boolean;
  /** File mode; default: the existing file's mode, else 0o666 minus umask. */
  mode?: number;
  /**
   * Called after the temp file is complete, just before the rename. Returning false
   * abandons the write (temp removed) with AtomicWriteAborted: the caller's
   * optimistic-concurrency check saw the target change.
   */
  beforeRename?: () => Promise<boolean> | boolean;
  /** Fail with ApiError('io') instead of replacing an existing file (used by undo). */
  noOverwrite?: boolean;
  /**
   * Modification time to give the file (undo restores the original one). Set on the temp
   * file before it takes the name, so no reader ever sees the restored file with another time.
   */
  mtimeMs?: number;
}

/** Thrown when beforeRename returned false. Not an ApiError: it is a signal to retry. */
export class AtomicWriteAborted extends Error {
  constructor() {
    super('Atomic write abandoned: the target changed before the rename.');
    this.name = 'AtomicWriteAborted';
  }
}

/** Sharing violations on Windows (antivirus, indexer, 4D holding the file) are transient. */
const RETRY_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RETRY_DELAYS_MS = [5, 10, 20, 40, 80, 120, 200, 250, 300]; // ≈ 1 s in all

export function tempPathFor(path: string): string {
  const name = basename(path).slice(0, 100);
  return join(dirname(path), `.${name}.msm-${randomBytes(6).toString('hex')}.tmp`);
}

export async function writeFileAtomic(
  path: string,
  data: string | Buffer,
  opts: WriteAtomicOptions = {},
): Promise<void> {
  const doSync = opts.fsync !== false;
  const tmp = tempPathFor(path);
  const mode = opts.mode ?? (await existingMode(path));
  try {
    const fh = await open(tmp, 'wx', mode ?? 0o666);
    try {
      if (mode !== undefined) await fh.chmod(mode); // open's mode is reduced by the umask
      await fh.writeFile(data);
      if (opts.mtimeMs !== undefined) await fh.utimes(new Date(), opts.mtimeMs / 1000);
      if (doSync) await fh.sync();
    } finally {
      await fh.close();
    }
    if (opts.beforeRename && !(await opts.beforeRename())) throw new AtomicWriteAborted();
    if (opts.noOverwrite) await linkNoOverwrite(tmp, path);
    else await renameWithRetry(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    if (err instanceof AtomicWriteAborted) throw err;
    throw toFsApiError(err, `Cannot write ${basename(path)}`, path);
  }
  if (doSync) await syncFolder(dirname(path));
}

async function existingMode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !RETRY_CODES.has(errnoCode(err) ?? '')) throw err;
      await sleep(delay);
    }
  }
}

/** Puts tmp at path only if nothing is there (hard link fails with EEXIST), then drops tmp. */
async function linkNoOverwrite(tmp: string, path: string): Promise<void> {
  try {
    await link(tmp, path);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EEXIST') {
      throw new ApiError('io', `${basename(path)} already exists in ${dirname(path)}; it was not overwritten.`);
    }
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw err;
    if (await exists(path)) {
      throw new ApiError('io', `${basename(path)} already exists in ${dirname(path)}; it was not overwritten.`);
    }
    await renameWithRetry(tmp, path);
    return;
  }
  await unlink(tmp).catch(() => undefined);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Makes the rename itself durable. Folders cannot be opened on Windows: best effort. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const fh = await open(dir, fsConstants.O_RDONLY);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // not supported here; the file itself is already synced
  }
}

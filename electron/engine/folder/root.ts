// The chosen MobileApps folder and the only ways to reach files inside it. Callers
// speak of (app folder, session id); raw paths never come from outside, and every
// path is checked to stay inside the root, symlinks included.

import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../../shared/api-error';
import { appFolderName, sessionId } from '../../../shared/api-schema';
import type { SessionRef } from '../../../shared/types';
import { errnoCode } from '../fs-errors';
import { isSessionFileName } from '../session/session-file';

const MOBILE_APPS = 'mobileapps';
const KEY_FILE = 'key.mobileapp';
/** How many subfolders to sample when a folder is neither named MobileApps nor has key.mobileapp. */
const SAMPLE_FOLDERS = 20;

/**
 * Accepts the MobileApps folder itself, or a 4D data folder containing "MobileApps"
 * (any case). Returns the real path of the MobileApps folder.
 */
export async function resolveMobileAppsRoot(dir: string): Promise<string> {
  const abs = resolve(dir);
  await requireFolder(abs);
  if (basename(abs).toLowerCase() === MOBILE_APPS) return realFolder(abs);
  const entries = await listFolder(abs);
  const child = entries.find((e) => e.name.toLowerCase() === MOBILE_APPS);
  if (child) {
    const path = join(abs, child.name);
    await requireFolder(path);
    await listFolder(path); // must be readable too
    return realFolder(path);
  }
  if (await looksLikeMobileApps(abs, entries)) return realFolder(abs);
  throw new ApiError(
    'no-folder',
    `${abs} is neither a MobileApps folder nor a 4D data folder containing one (no "MobileApps" folder inside).`,
  );
}

async function realFolder(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (err) {
    throw new ApiError('no-folder', `The folder ${path} cannot be resolved (${errnoCode(err) ?? String(err)}).`);
  }
}

async function requireFolder(path: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ApiError('no-folder', `The folder ${path} does not exist.`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new ApiError('no-folder', `The folder ${path} cannot be read (permission denied).`);
    throw new ApiError('no-folder', `The folder ${path} cannot be read (${code ?? String(err)}).`);
  }
  if (!isDir) throw new ApiError('no-folder', `${path} is a file, not a folder.`);
}

async function listFolder(path: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (err) {
    const code = errnoCode(err);
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(err));
    throw new ApiError('no-folder', `The folder ${path} cannot be read (${why}).`);
  }
}

/** A renamed MobileApps folder: has key.mobileapp, or app folders holding manifest.json or sessions. */
async function looksLikeMobileApps(dir: string, entries: Dirent[]): Promise<boolean> {
  if (entries.some((e) => e.name === KEY_FILE && e.isFile())) return true;
  const folders = entries.filter((e) => e.isDirectory() && e.name.includes('.')).slice(0, SAMPLE_FOLDERS);
  for (const f of folders) {
    try {
      const names = await readdir(join(dir, f.name));
      if (names.some((n) => n === 'manifest.json' || isSessionFileName(n))) return true;
    } catch {
      // unreadable subfolder: not evidence either way
    }
  }
  return false;
}

function refuse(message: string): never {
  throw new ApiError('outside-root', message);
}

/** Absolute path of an app folder; `app` must be one plain folder name. */
export function appPath(root: string, app: string): string {
  const checked = appFolderName.safeParse(app);
  if (!checked.success)
    refuse(`"${app}" is not a valid app folder name (it must be a single folder name inside MobileApps).`);
  if (isAbsolute(app) || app.includes(':')) refuse(`"${app}" is not a valid app folder name.`);
  const path = resolve(root, app);
  if (dirname(path) !== resolve(root)) refuse(`"${app}" leads outside the MobileApps folder.`);
  return path;
}

/** Absolute path of a session file; validates both names as single safe segments. */
export function sessionPath(root: string, ref: SessionRef): string {
  const dir = appPath(root, ref.app);
  const checked = sessionId.safeParse(ref.id);
  if (!checked.success) refuse(`"${ref.id}" is not a valid session id.`);
  const path = join(dir, ref.id);
  if (dirname(path) !== dir) refuse(`"${ref.id}" leads outside its app folder.`);
  return path;
}

/**
 * Refuses paths whose real location (symlinks resolved) is outside the root. For a
 * path that does not exist yet, its nearest existing ancestor is checked.
 */
export async function assertInsideRoot(root: string, path: string): Promise<void> {
  const realRoot = await realpathOr(root);
  if (realRoot === null) throw new ApiError('no-folder', `The MobileApps folder ${root} no longer exists.`);
  let probe = resolve(path);
  let suffix = '';
  for (;;) {
    const real = await realpathOr(probe);
    if (real !== null) {
      if (!isInside(realRoot, join(real, suffix))) {
        refuse(`${path} leads outside the MobileApps folder ${root} (through a symbolic link).`);
      }
      return;
    }
    // A dangling symlink is refused outright: we cannot know where it would lead.
    if (await isSymlink(probe)) refuse(`${path} is a broken symbolic link.`);
    const parent = dirname(probe);
    if (parent === probe) refuse(`${path} is not inside ${root}.`);
    suffix = join(basename(probe), suffix);
    probe = parent;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

async function realpathOr(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch {
    return null;
  }
}

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

// Reading an app folder's manifest.json (written by 4D at build time) the one safe
// way: a manifest that is a FIFO would block `serve`, `list` and `check` forever,
// and one that is a symlink would name the app from a file outside MobileApps. So
// it is opened like a session file (session/regular-file.ts): links never
// followed, non-regular files never opened, size and time bounded. Shared by the
// scan (sync, in its workers) and the watcher (async, on the main thread).

import { join } from 'node:path';
import type { Problem } from '../../../shared/types';
import { errnoCode } from '../fs-errors';
import { IrregularFileError, readRegularFile, readRegularFileSync } from './regular-file';
import { readManifest } from './session-file';
import { READ_TIMEOUT_MS, unreadableReason } from './session-read';

export const MANIFEST_FILE = 'manifest.json';
/** A manifest is a few hundred bytes; anything near this is not one. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

export type ManifestInfo = NonNullable<ReturnType<typeof readManifest>>;

export interface ManifestRead {
  /** Null when absent, unreadable or not a manifest: the app falls back to its sessions' data. */
  manifest: ManifestInfo | null;
  /** Set when the file is there but refused (not a regular file, permission denied, hung share). */
  problem: Problem | null;
}

const NONE: ManifestRead = { manifest: null, problem: null };

export function readManifestFileSync(root: string, app: string): ManifestRead {
  try {
    return {
      manifest: readManifest(
        readRegularFileSync(join(root, app, MANIFEST_FILE), { maxBytes: MAX_MANIFEST_BYTES }).bytes,
      ),
      problem: null,
    };
  } catch (err) {
    return refused(root, app, err);
  }
}

export async function readManifestFile(root: string, app: string, timeoutMs = READ_TIMEOUT_MS): Promise<ManifestRead> {
  try {
    const { bytes } = await readRegularFile(join(root, app, MANIFEST_FILE), {
      maxBytes: MAX_MANIFEST_BYTES,
      timeoutMs,
    });
    return { manifest: readManifest(bytes), problem: null };
  } catch (err) {
    return refused(root, app, err);
  }
}

function refused(root: string, app: string, err: unknown): ManifestRead {
  const code = errnoCode(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return NONE;
  if (err instanceof IrregularFileError && err.kind === 'too-large') return NONE; // not a manifest: ignored like garbage
  const location = join(root, app, MANIFEST_FILE);
  const irregular = err instanceof IrregularFileError && err.kind !== 'timeout';
  const reason = irregular
    ? `${err.message} The app's manifest is a plain file written by 4D; this one was not read, so the app is named from its sessions.`
    : unreadableReason(err);
  return {
    manifest: null,
    problem: { app, file: MANIFEST_FILE, code: irregular ? 'not-regular' : 'unreadable', reason, location, mtimeMs: 0 },
  };
}

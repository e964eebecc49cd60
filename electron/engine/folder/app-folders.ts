// The app folders of a MobileApps root: one per app (`<TeamID>.<BundleID>` or the
// bundle id alone). Links are never followed out of the root, and dot-folders are
// ours or the system's, never an app.

import { readdir } from 'node:fs/promises';
import { ApiError } from '../../../shared/api-error';

/** App folders of a root, sorted; symlinked folders and dot-folders are skipped. */
export async function listAppFolders(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new ApiError('no-folder', `The folder ${root} cannot be read (${String(code ?? err)}).`);
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

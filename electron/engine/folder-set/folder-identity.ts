// How an open folder is named: a short stable id (what refs and the UI use) and
// the label shown in the folder list.

import { createHash } from 'node:crypto';
import { sep } from 'node:path';

export const DEMO_FOLDER_ID = 'demo';

/** A short stable id for a folder: 12 hex digits of the SHA-256 of its real path. */
export function folderIdOf(realRoot: string): string {
  return createHash('sha256').update(realRoot).digest('hex').slice(0, 12);
}

/** The name shown in the folder list: the folder holding MobileApps, with its parent when it is a generic "Data". */
export function folderLabel(root: string | null, isDemo: boolean): string {
  if (isDemo) return 'Demo';
  if (!root) return '';
  const parts = root.split(/[\\/]+/).filter(Boolean);
  if (parts.length > 1 && parts.at(-1)?.toLowerCase() === 'mobileapps') parts.pop();
  const last = parts.at(-1) ?? root;
  const parent = parts.at(-2);
  return parent && /^data$/i.test(last) ? `${parent}${sep}${last}` : last;
}

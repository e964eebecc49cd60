// Reads a whole MobileApps folder for one CLI command, with the engine's own
// per-folder scanner (FolderScan: synchronous reads, the fast path). A CLI run is
// one short job, so blocking its event loop while reading is fine; no watcher,
// no worker threads.

import { readdirSync } from 'node:fs';
import type { Problem, SessionRecord } from '../../shared/types';
import { FolderScan } from '../engine/scan/scan-folder';
import { ReadBuffer } from '../engine/session/session-read';
import { usageError } from './cli-error';

export interface FolderContents {
  root: string;
  /** App folder names that were read. */
  apps: string[];
  records: SessionRecord[];
  problems: Problem[];
  /** App folders that could not be listed (permission denied, vanished). */
  errors: { app: string; message: string }[];
}

/** The app folders of a MobileApps root (hidden folders and files such as key.mobileapp are not apps). */
export function listAppFolders(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** Reads every app folder, or only `onlyApps` (each must exist: a typo is a usage error). */
export function readFolder(root: string, onlyApps: readonly string[] = []): FolderContents {
  const all = listAppFolders(root);
  let apps = all;
  if (onlyApps.length > 0) {
    const known = new Set(all);
    const missing = onlyApps.filter((a) => !known.has(a));
    if (missing.length > 0) {
      const list = all.length > 0 ? all.join(', ') : '(none)';
      throw usageError(
        `No app folder named ${missing.map((m) => `"${m}"`).join(', ')} in ${root}. App folders: ${list}.`,
      );
    }
    apps = [...new Set(onlyApps)];
  }
  const out: FolderContents = { root, apps, records: [], problems: [], errors: [] };
  const rb = new ReadBuffer();
  for (const app of apps) {
    const scan = new FolderScan(root, app, rb);
    while (!scan.finished) scan.step(512);
    for (let chunk = scan.take(); chunk !== null; chunk = scan.take()) {
      // No spread: an app can hold 100,000 sessions, more than a call's argument limit.
      for (const r of chunk.records) out.records.push(r);
      for (const p of chunk.problems) out.problems.push(p);
      if (chunk.error !== undefined) out.errors.push({ app, message: chunk.error });
    }
  }
  return out;
}

// Scans one app folder synchronously, in resumable steps, producing chunks of
// records and problems. The same code runs inside the scan workers on a local
// disk and, in short time slices, on the main thread (first folder while workers
// start, or everything when no worker can be loaded). On a network share the
// workers hand a folder over to folder-async.ts (many reads in flight) instead.

import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Problem, SessionRecord } from '../../../shared/types';
import { readManifestFileSync, type ManifestInfo } from '../session/manifest-file';
import { isSessionFileName } from '../session/session-file';
import type { ReadBuffer } from '../session/session-read';
import type { SessionReadResult } from '../session/session-read';
import { irregularEntry, readScanFileSync } from './scan-read';
import { errnoCode } from '../fs-errors';

export type { ManifestInfo };

/** What a scan tells about an app folder besides its sessions. */
export interface AppScanInfo {
  manifest: ManifestInfo | null;
  /** application.name of the first readable session (fallback for the display name). */
  sessionAppName: string | null;
}

export interface ScanChunk {
  app: string;
  records: SessionRecord[];
  problems: Problem[];
  /** Present on the app's last chunk. */
  info?: AppScanInfo;
  /** Last chunk of this app. */
  done: boolean;
  /** Set when the folder itself could not be listed (it vanished, or permission denied). */
  error?: string;
}

/** A folder's session-named entries: files to read, and entries already known to be problems. */
export interface FolderListing {
  names: string[];
  irregular: SessionReadResult[];
}

/** Sorts the session-named entries of a listing (names starting with "." are our temp files). */
export function sortEntries(root: string, app: string, entries: Dirent[]): FolderListing {
  const listing: FolderListing = { names: [], irregular: [] };
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !isSessionFileName(entry.name)) continue;
    const odd = irregularEntry(root, app, entry);
    if (odd) listing.irregular.push(odd);
    else listing.names.push(entry.name);
  }
  return listing;
}

/** The app folder as a whole is a problem (file ""): permission denied, I/O error, a link. Gone is not. */
export function folderProblem(root: string, app: string, err: unknown): Problem | null {
  const code = errnoCode(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return null;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : (code ?? (err instanceof Error ? err.message : String(err)));
  const reason = `The app folder cannot be read (${why}): its sessions are not listed. Give the account running this app read access to it.`;
  return { app, file: '', code: 'unreadable', reason, location: join(root, app), mtimeMs: 0 };
}

/** Lists a folder without following a link that replaced it since the root was listed. */
export function listFolderSync(root: string, app: string): FolderListing {
  const dir = join(root, app);
  if (lstatSync(dir).isSymbolicLink()) throw Object.assign(new Error(`${dir} is a symbolic link`), { code: 'ENOTDIR' });
  return sortEntries(root, app, readdirSync(dir, { withFileTypes: true }));
}

export class FolderScan {
  names: string[] = [];
  next = 0;
  records: SessionRecord[] = [];
  problems: Problem[] = [];
  sessionAppName: string | null = null;
  private error: string | undefined;
  private sentLast = false;

  constructor(
    private readonly root: string,
    readonly app: string,
    // Kept for callers that pass one: reads now go through regular-file.ts.
    _rb?: ReadBuffer,
  ) {
    try {
      const listing = listFolderSync(root, app);
      this.names = listing.names;
      for (const odd of listing.irregular) this.add(odd);
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      const problem = folderProblem(root, app, err);
      if (problem) this.problems.push(problem);
    }
  }

  get finished(): boolean {
    return this.next >= this.names.length;
  }

  get pending(): number {
    return this.records.length + this.problems.length;
  }

  add(res: SessionReadResult): void {
    if (res.kind === 'record') {
      this.records.push(res.record);
      if (this.sessionAppName === null) this.sessionAppName = res.appName;
    } else if (res.kind === 'problem') {
      this.problems.push(res.problem);
    }
  }

  /** Reads up to `max` more files. */
  step(max: number): void {
    const end = Math.min(this.names.length, this.next + max);
    for (; this.next < end; this.next++)
      this.add(readScanFileSync(this.root, this.app, this.names[this.next] as string));
  }

  /**
   * Like step, and returns how long the fastest of these reads took (Infinity for none).
   * The fastest, not the total: on a busy machine any read can wait for a core, but
   * only on a network share does every one of them wait for a round trip.
   */
  timedStep(max: number): number {
    const end = Math.min(this.names.length, this.next + max);
    let fastest = Infinity;
    for (; this.next < end; this.next++) {
      const t0 = performance.now();
      this.add(readScanFileSync(this.root, this.app, this.names[this.next] as string));
      fastest = Math.min(fastest, performance.now() - t0);
    }
    return fastest;
  }

  /** Hands over what was read so far; the last call (after `finished`) carries the app info. */
  take(): ScanChunk | null {
    if (this.sentLast) return null;
    const done = this.finished;
    const chunk: ScanChunk = { app: this.app, records: this.records, problems: this.problems, done };
    if (done) {
      this.sentLast = true;
      // A manifest that is a FIFO or a link is never read; it is listed as the watcher lists it.
      // (Not for a folder that could not be listed: its own problem already says why.)
      const { manifest, problem } =
        this.error === undefined ? readManifestFileSync(this.root, this.app) : { manifest: null, problem: null };
      if (problem) chunk.problems.push(problem);
      chunk.info = { manifest, sessionAppName: this.sessionAppName };
      if (this.error !== undefined) chunk.error = this.error;
    }
    this.records = [];
    this.problems = [];
    return chunk;
  }
}

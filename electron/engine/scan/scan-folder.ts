// Scans one app folder synchronously, in resumable steps, producing chunks of
// records and problems. The same code runs inside the scan workers and, in
// short time slices, on the main thread (first folder while workers start, or
// everything when no worker can be loaded).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform, Problem, SessionRecord } from '../../../shared/types';
import { isSessionFileName, readManifest } from '../session/session-file';
import { ReadBuffer, readSessionSync } from '../session/session-read';

export interface ManifestInfo {
  name: string;
  platform: Platform;
  version: string;
}

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

export const MANIFEST_FILE = 'manifest.json';

function readManifestSync(dir: string): ManifestInfo | null {
  try {
    return readManifest(readFileSync(join(dir, MANIFEST_FILE)));
  } catch {
    return null; // no manifest, or unreadable: the app falls back to its sessions' data
  }
}

/** Lists the session-named regular files of a folder (names starting with "." are temp files). */
export function listSessionNames(dir: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // Symlinks are skipped on purpose: a link could lead outside MobileApps.
    if (entry.isFile() && !entry.name.startsWith('.') && isSessionFileName(entry.name)) names.push(entry.name);
  }
  return names;
}

export class FolderScan {
  private names: string[] = [];
  private next = 0;
  private records: SessionRecord[] = [];
  private problems: Problem[] = [];
  private sessionAppName: string | null = null;
  private error: string | undefined;
  private sentLast = false;

  constructor(
    private readonly root: string,
    readonly app: string,
    private readonly rb: ReadBuffer,
  ) {
    try {
      this.names = listSessionNames(join(root, app));
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  get finished(): boolean {
    return this.next >= this.names.length;
  }

  get pending(): number {
    return this.records.length + this.problems.length;
  }

  /** Reads up to `max` more files. */
  step(max: number): void {
    const end = Math.min(this.names.length, this.next + max);
    for (; this.next < end; this.next++) {
      const name = this.names[this.next] as string;
      const res = readSessionSync(this.root, this.app, name, this.rb);
      if (res.kind === 'record') {
        this.records.push(res.record);
        if (this.sessionAppName === null) this.sessionAppName = res.appName;
      } else if (res.kind === 'problem') {
        this.problems.push(res.problem);
      }
    }
  }

  /** Hands over what was read so far; the last call (after `finished`) carries the app info. */
  take(): ScanChunk | null {
    if (this.sentLast) return null;
    const done = this.finished;
    const chunk: ScanChunk = { app: this.app, records: this.records, problems: this.problems, done };
    if (done) {
      this.sentLast = true;
      chunk.info = { manifest: readManifestSync(join(this.root, this.app)), sessionAppName: this.sessionAppName };
      if (this.error !== undefined) chunk.error = this.error;
    }
    this.records = [];
    this.problems = [];
    return chunk;
  }
}

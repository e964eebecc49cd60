// Keeps the SessionIndex in step with the disk: applies scan chunks, and turns
// watcher notifications ("this name may have changed") into small deltas by
// re-reading just that file. Changes to a folder whose initial scan is still
// running are held back and re-read once its scan has been applied, so nothing
// written during the scan is lost or overwritten by older scan data.

import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventBatcher } from './event-batcher';
import type { FolderWatcher, WatchSink } from '../watch/folder-watcher';
import type { ScanChunk } from '../scan/scan-folder';
import { MANIFEST_FILE, readManifestFile } from '../session/manifest-file';
import { startScan, type ScanHandle } from '../scan/scanner';
import { isSessionFileName } from '../session/session-file';
import type { SessionRecord } from '../../../shared/types';
import type { SessionIndex } from './session-index';
import { readSessionAsync, type SessionReadResult } from '../session/session-read';

/** Quiet time after a notification before the file is read (editors and 4D write in bursts). */
const DEBOUNCE_MS = 25;
/** A file that does not parse is re-read this many times, RETRY_MS apart, before it is a problem. */
const MAX_RETRIES = 3;
const RETRY_MS = 100;
const READ_CONCURRENCY = 16;
/** Files whose own-write fingerprints are kept to recognise the watcher's echo (oldest dropped first). */
const MAX_OWN_WRITES = 50_000;
/** Fingerprints kept per file: a late (stale) read may return any of our last few writes, not only the last. */
const OWN_WRITES_PER_FILE = 4;

export interface IndexUpdaterHooks {
  externalRecord(record: SessionRecord): void;
  notNewPending(record: SessionRecord): boolean;
}

function keyOf(app: string, name: string): string {
  return `${app}/${name}`;
}

export class IndexUpdater implements WatchSink {
  private readonly dirty = new Map<string, { app: string; name: string }>();
  private readonly deferred = new Map<string, Map<string, { app: string; name: string }>>();
  private readonly reading = new Set<string>();
  private readonly retries = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly appScans = new Set<ScanHandle>();
  private flushTimer: NodeJS.Timeout | null = null;
  private closed = false;
  watcher: FolderWatcher | null = null;
  /**
   * During the initial scan, 'sessions' events are sent only for the apps listed
   * here (someone called listSessions on them); the others are announced by 'apps'
   * counts and fetched on demand. This spares a consumer that shows one app at a
   * time (the UI) 100,000 records it would ignore. Null: every change is sent.
   */
  streamApps: Set<string> | null = null;
  /** When set, every key seen is recorded (a refresh re-reads them after swapping indexes). */
  touched: Set<string> | null = null;
  /** Files the Workspace is writing right now (edit, undo): their echo is never "new pending". */
  private readonly ownInFlight = new Map<string, number>();
  /** mtime and size of what the Workspace last wrote per file: a later read of exactly that is our echo. */
  private readonly ownWrites = new Map<string, { mtimeMs: number; size: number }[]>();
  /** Overwrite tracking (actions/overwrite-tracker.ts): sees every record read from disk, may veto "new pending". */
  hooks: IndexUpdaterHooks | null = null;

  constructor(
    private readonly rootDir: string,
    public index: SessionIndex,
    private readonly batcher: EventBatcher,
  ) {}

  // ---- scan chunks -------------------------------------------------------

  /** `announce`: a folder that appeared after opening; its pending sessions are new (never the initial scan). */
  applyChunk(chunk: ScanChunk, emit = true, announce = false): void {
    const entry = this.index.ensureApp(chunk.app);
    const changed = [];
    for (const r of chunk.records) {
      const previous = announce ? entry.sessions.get(r.id) : undefined;
      if (this.index.upsert(r) !== 'same') changed.push(r);
      if (announce && emit && this.isNewPending(r, previous)) this.batcher.newPending(r);
    }
    for (const p of chunk.problems) this.index.setProblem(p);
    if (chunk.info) this.index.setInfo(chunk.app, chunk.info);
    if (emit) {
      if (this.streamApps === null || this.streamApps.has(chunk.app)) this.batcher.upsert(chunk.app, changed);
      if (chunk.problems.length > 0) this.batcher.problems();
      this.batcher.apps();
    }
    if (chunk.done) {
      entry.scanned = true;
      this.release(chunk.app);
    }
  }

  /** Re-reads what was noted for an app while its scan ran. */
  private release(app: string): void {
    const held = this.deferred.get(app);
    this.deferred.delete(app);
    if (!held) return;
    for (const [key, item] of held) this.dirty.set(key, item);
    this.schedule();
  }

  // ---- watcher notifications ---------------------------------------------

  file(app: string, name: string | null): void {
    if (this.closed) return;
    if (name === null) {
      void this.relistApp(app);
      return;
    }
    if (name === MANIFEST_FILE) {
      void this.reloadManifest(app);
      return;
    }
    if (!isSessionFileName(name)) return;
    this.markDirty(app, name);
  }

  /** Notes a file to re-read (also used by refresh for files touched meanwhile). */
  markDirty(app: string, name: string): void {
    const key = keyOf(app, name);
    this.touched?.add(key);
    this.dirty.set(key, { app, name });
    this.schedule();
  }

  root(name: string | null): void {
    if (this.closed) return;
    if (name === null) void this.relistRoot();
    else void this.checkRootEntry(name);
  }

  private schedule(delay = DEBOUNCE_MS): void {
    if (this.closed || this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.flush();
    }, delay);
  }

  private flush(): void {
    const batch: { key: string; app: string; name: string }[] = [];
    for (const [key, item] of this.dirty) {
      if (this.reading.has(key)) continue; // picked up when the current read ends
      this.dirty.delete(key);
      const entry = this.index.apps.get(item.app);
      if (!entry) {
        void this.checkRootEntry(item.app);
        continue;
      }
      if (!entry.scanned) {
        let held = this.deferred.get(item.app);
        if (!held) this.deferred.set(item.app, (held = new Map()));
        held.set(key, item);
        continue;
      }
      batch.push({ key, ...item });
    }
    if (batch.length > 0) void this.readAll(batch);
  }

  private async readAll(batch: { key: string; app: string; name: string }[]): Promise<void> {
    for (const b of batch) this.reading.add(b.key);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < batch.length) {
        const item = batch[next++] as (typeof batch)[number];
        let result: SessionReadResult;
        try {
          result = await readSessionAsync(this.rootDir, item.app, item.name);
        } catch {
          result = { kind: 'gone' };
        }
        this.reading.delete(item.key);
        if (!this.closed) this.applyRead(item.key, item.app, item.name, result);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, batch.length) }, lane));
    if (this.dirty.size > 0) this.schedule();
  }

  private applyRead(key: string, app: string, name: string, result: SessionReadResult): void {
    if (!this.index.apps.has(app)) return; // the folder went away meanwhile
    if (result.kind === 'record') {
      this.retries.delete(key);
      this.upsertRecord(result.record, result.appName, true);
      this.hooks?.externalRecord(result.record);
      return;
    }
    if (result.kind === 'gone') {
      this.retries.delete(key);
      this.removeFile(app, name);
      return;
    }
    // Half-written? Give the writer a moment before reporting a problem.
    const attempts = this.retries.get(key) ?? 0;
    // Size and file type do not change by waiting: no retry for those.
    const settled = result.problem.code === 'too-large' || result.problem.code === 'not-regular';
    if (!settled && attempts < MAX_RETRIES) {
      this.retries.set(key, attempts + 1);
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (!this.closed) this.markDirty(app, name);
      }, RETRY_MS);
      this.timers.add(t);
      return;
    }
    this.retries.delete(key);
    const removed = this.index.removeSession(app, name);
    if (removed) this.batcher.remove(app, [name]);
    if (this.index.setProblem(result.problem)) this.batcher.problems();
    this.batcher.apps();
  }

  // ---- index changes shared with the Workspace's own edits ----------------

  /** `announce`: the change came from outside (a watcher read), so a session turning pending is news. */
  upsertRecord(record: SessionRecord, appName: string | null = null, announce = false): void {
    const hadProblem = this.index.apps.get(record.app)?.problems.has(record.id) ?? false;
    const previous = announce ? this.index.apps.get(record.app)?.sessions.get(record.id) : undefined;
    const outcome = this.index.upsert(record, appName);
    if (announce && this.isNewPending(record, previous)) this.batcher.newPending(record);
    if (outcome !== 'same') {
      this.batcher.upsert(record.app, [record]);
      this.batcher.apps();
    }
    if (hadProblem) {
      this.batcher.problems();
      this.batcher.apps();
    }
  }

  removeFile(app: string, name: string): void {
    if (this.index.removeSession(app, name)) {
      this.batcher.remove(app, [name]);
      this.batcher.apps();
    }
    if (this.index.removeProblem(app, name)) {
      this.batcher.problems();
      this.batcher.apps();
    }
  }

  // ---- own writes (never announced as new pending sessions) ----------------

  /** The Workspace starts writing a file (edit, undo): reads of it meanwhile are our echo. */
  beginOwnWrite(app: string, id: string): void {
    const key = keyOf(app, id);
    this.ownInFlight.set(key, (this.ownInFlight.get(key) ?? 0) + 1);
  }

  /** The write is over; `written` (its mtime and size) identifies its later echo. */
  endOwnWrite(app: string, id: string, written: { mtimeMs: number; size: number } | null): void {
    const key = keyOf(app, id);
    const n = (this.ownInFlight.get(key) ?? 1) - 1;
    if (n > 0) this.ownInFlight.set(key, n);
    else this.ownInFlight.delete(key);
    if (!written) return;
    const kept = this.ownWrites.get(key) ?? [];
    this.ownWrites.delete(key); // re-insert: the Map's order is the eviction order
    this.ownWrites.set(key, [written, ...kept.slice(0, OWN_WRITES_PER_FILE - 1)]);
    if (this.ownWrites.size > MAX_OWN_WRITES) this.ownWrites.delete(this.ownWrites.keys().next().value as string);
  }

  /** Pending now, not pending before (or absent), and not what we wrote ourselves. */
  isNewPending(record: SessionRecord, previous: SessionRecord | undefined): boolean {
    if (record.status !== 'pending' || previous?.status === 'pending') return false;
    if (this.hooks?.notNewPending(record)) return false; // an approval set back: "overwritten", not a new device
    const key = keyOf(record.app, record.id);
    if (this.ownInFlight.has(key)) return false;
    const own = this.ownWrites.get(key);
    return !own?.some((w) => w.mtimeMs === record.mtimeMs && w.size === record.size);
  }

  // ---- app folders --------------------------------------------------------

  private async relistRoot(): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(this.rootDir, { withFileTypes: true }))
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name);
    } catch {
      return; // the root itself is gone or unreadable; nothing sensible to diff
    }
    const present = new Set(names);
    for (const name of names) if (!this.index.apps.has(name)) void this.checkRootEntry(name);
    for (const app of [...this.index.apps.keys()]) if (!present.has(app)) void this.checkRootEntry(app);
  }

  private async checkRootEntry(name: string): Promise<void> {
    let isFolder: boolean;
    try {
      // lstat: a symlinked folder is not followed (it could lead outside MobileApps).
      isFolder = (await lstat(join(this.rootDir, name))).isDirectory();
    } catch {
      isFolder = false;
    }
    if (this.closed) return;
    const known = this.index.apps.has(name);
    if (isFolder && !known) this.addApp(name);
    else if (!isFolder && known) this.removeApp(name);
  }

  private addApp(app: string): void {
    this.index.ensureApp(app);
    this.watcher?.addApp(app);
    this.batcher.apps();
    // A folder moved in whole may hold many files: scan it like the initial scan (main-thread slices).
    const handle = startScan(this.rootDir, [app], (chunk) => this.applyChunk(chunk, true, true), { maxWorkers: 0 });
    this.appScans.add(handle);
    void handle.done.then(() => this.appScans.delete(handle));
  }

  private removeApp(app: string): void {
    this.watcher?.removeApp(app);
    const entry = this.index.removeApp(app);
    this.deferred.delete(app);
    if (!entry) return;
    this.batcher.dropApp(app);
    this.batcher.remove(app, [...entry.sessions.keys()]);
    if (entry.problems.size > 0) this.batcher.problems();
    this.batcher.apps();
  }

  private async relistApp(app: string): Promise<void> {
    let names: string[];
    try {
      names = await readdir(join(this.rootDir, app));
    } catch {
      void this.checkRootEntry(app);
      return;
    }
    const known = this.index.known(app);
    for (const name of names) if (!name.startsWith('.') && isSessionFileName(name)) this.markDirty(app, name);
    const listed = new Set(names);
    for (const name of known.keys()) if (!listed.has(name)) this.markDirty(app, name);
    void this.reloadManifest(app);
  }

  /** The same safe, bounded read as the scan's: a FIFO or a link out is a problem, never opened or followed. */
  private async reloadManifest(app: string): Promise<void> {
    const { manifest, problem } = await readManifestFile(this.rootDir, app);
    const entry = this.index.apps.get(app);
    if (!entry || this.closed) return;
    entry.manifest = manifest;
    const problemsChanged = problem ? this.index.setProblem(problem) : this.index.removeProblem(app, MANIFEST_FILE);
    if (problemsChanged) this.batcher.problems();
    this.batcher.apps();
  }

  close(): void {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const h of this.appScans) h.cancel();
    this.appScans.clear();
  }
}

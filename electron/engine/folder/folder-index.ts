// One MobileApps folder kept live in memory: open (resolve the root, list app
// folders, watch, scan), the state and the reads, refresh, close. It knows
// nothing of actions or push; the Workspace puts those beside it.
//
// Lifecycle of open(): resolve the root -> list app folders -> start watching
// (before reading, so nothing written during the scan is missed) -> stream the
// scan (workers) into the index, emitting batched events -> phase 'ready'.
// open() resolves when the scan is complete. While it runs, 'apps' events report
// folders and growing counts; an app's sessions are streamed as 'sessions' events
// once someone has listed it (listSessions), so the UI gets the app it shows within
// milliseconds without 100,000 records crossing IPC. After the scan, every change
// of any app is a 'sessions' delta.

import { ApiError, toErrorInfo } from '../../../shared/api-error';
import type {
  EngineEvent,
  HostPlatform,
  SessionDetail,
  SessionPage,
  SessionPageRequest,
  SessionRecord,
  SessionRef,
  SessionSearchResult,
  WorkspacePhase,
  WorkspaceState,
  RecheckResult,
  WatchInfo,
  WatchPreference,
} from '../../../shared/types';
import type { ProblemLiveIndex } from '../actions/problem-actions';
import type { LiveIndex } from '../actions/session-actions';
import type { UnpushedStore } from '../push/unpushed-store';
import { startScan, type ScanHandle, type ScanStats } from '../scan/scanner';
import { readSessionDetail } from '../session/session-detail';
import { type FolderWatcher } from '../watch/folder-watcher';
import { chooseWatch, createWatcher } from '../watch/watch-choice';
import type { VolumeKind } from '../watch/volume-kind';
import { listAppFolders } from './app-folders';
import { EventBatcher } from './event-batcher';
import { emitIndexDifference } from './index-difference';
import { IndexUpdater, type IndexUpdaterHooks } from './index-updater';
import { pendingNewestFirst } from './pending-list';
import { SessionPages } from './session-pages';
import { searchApps } from './session-search';
import { appPath, resolveMobileAppsRoot } from './root';
import { SessionIndex } from './session-index';

export interface FolderIndexOptions {
  platform: HostPlatform;
  version: string;
  /** Forced for every folder (browser mode's --polling, tests); else the preference decides (watch-choice.ts). */
  watchMode?: 'native' | 'polling';
  /** The user's choice for a folder (real path); default 'auto'. */
  watchPreference?: (root: string) => WatchPreference;
  detectVolume?: (path: string) => Promise<VolumeKind>; // tests inject one; default: the OS's mount table
  /** Root check interval in polling mode (default: 2000 ms on a share, 1000 ms on a local disk). */
  pollIntervalMs?: number;
  /** Shared with the actions: the state shows the open root's unpushed count. */
  unpushed: UnpushedStore;
  emit: (event: EngineEvent) => void;
  /** Overwrite tracking: told of records read from disk by the watcher (see IndexUpdaterHooks). */
  recordHooks?: IndexUpdaterHooks;
}

/** Timings of the last open/refresh, for the benchmark and diagnostics. */
export interface WorkspaceTimings {
  scan: ScanStats | null;
  watchReadyMs: number;
}

/** Longest stretch spent adding folder watchers before yielding. */
const WATCH_SLICE_MS = 5;

export class FolderIndex {
  private readonly opts: FolderIndexOptions;
  private readonly batcher: EventBatcher;
  private index = new SessionIndex();
  private readonly pages = new SessionPages();
  private rootPath: string | null = null;
  private displayRoot: string | null = null;
  private isDemo = false;
  private phase: WorkspacePhase = 'none';
  private error: string | null = null;
  private updater: IndexUpdater | null = null;
  private watcher: FolderWatcher | null = null;
  private scan: ScanHandle | null = null;
  private watchInfo: WatchInfo | null = null;
  private rechecking: Promise<RecheckResult> | null = null;
  /** Bumped by every open/close: late results of an older folder are dropped. */
  private generation = 0;
  readonly timings: WorkspaceTimings = { scan: null, watchReadyMs: -1 };

  constructor(opts: FolderIndexOptions) {
    this.opts = opts;
    this.batcher = new EventBatcher(
      {
        state: () => this.snapshot(),
        apps: () => this.index.appFolders(),
        problems: () => this.index.problems(),
        unpushed: () => this.unpushedCount(),
      },
      opts.emit,
    );
  }

  /** The open root (real path), or null. */
  get root(): string | null {
    return this.rootPath;
  }

  requireRoot(): string {
    if (this.rootPath === null) throw new ApiError('no-folder', 'No MobileApps folder is open.');
    return this.rootPath;
  }

  /** The live index while `root` is the folder open; null once another is (or none). */
  liveIndex(root: string): LiveIndex | null {
    return this.rootPath === root ? this.updater : null;
  }

  /** The live index for the Problems view's actions (actions/problem-actions.ts) while `root` is open. */
  problemIndex(root: string): ProblemLiveIndex | null {
    return this.rootPath === root ? this.updater : null;
  }

  /** The unpushed count may have changed: one coalesced 'unpushed' event. */
  unpushedChanged(): void {
    this.batcher.unpushed();
  }

  /** The record the index holds for `ref` of the open `root` (overwrite tracking). */
  indexed(root: string, ref: SessionRef): SessionRecord | undefined {
    return root === this.rootPath ? this.index.apps.get(ref.app)?.sessions.get(ref.id) : undefined;
  }

  problems(): WorkspaceState['problems'] {
    return this.index.problems();
  }

  // ---- opening and closing -------------------------------------------------

  async open(dir: string, isDemo: boolean): Promise<WorkspaceState> {
    const generation = this.stop();
    this.index = new SessionIndex();
    this.isDemo = isDemo;
    this.displayRoot = dir;
    let root: string;
    let folders: string[];
    try {
      root = await resolveMobileAppsRoot(dir);
      folders = await listAppFolders(root);
    } catch (err) {
      if (generation !== this.generation) throw err;
      const info = toErrorInfo(err);
      this.rootPath = null;
      this.setPhase('error', info.message);
      throw err instanceof ApiError ? err : new ApiError('no-folder', info.message);
    }
    if (generation !== this.generation) return this.snapshot();
    await this.opts.unpushed.reload(); // other processes (the command line) may have recorded changes
    this.rootPath = root;
    this.displayRoot = root;
    this.setPhase('scanning', null);
    this.batcher.unpushed();

    const updater = new IndexUpdater(root, this.index, this.batcher);
    updater.streamApps = new Set();
    updater.hooks = this.opts.recordHooks ?? null;
    this.updater = updater;
    for (const app of folders) this.index.ensureApp(app); // changes during the scan wait for their folder
    this.watchInfo = await this.chooseWatch(root);
    if (generation !== this.generation) return this.snapshot();
    const polling = this.watchInfo.mode === 'polling';
    if (!polling) await this.startWatching(root, folders);
    if (generation !== this.generation) return this.snapshot();

    const stats = await this.runScan(root, folders, (chunk) => updater.applyChunk(chunk));
    if (generation !== this.generation) return this.snapshot();
    this.timings.scan = stats;
    updater.streamApps = null;
    if (polling) await this.startWatching(root, folders);
    if (generation !== this.generation) return this.snapshot();
    this.setPhase('ready', null);
    this.batcher.flush(); // listeners hold every session by the time open() resolves
    return this.snapshot();
  }

  /** Stops watchers, workers and timers; no handle stays open. */
  close(): void {
    this.stop();
    this.batcher.flush();
    this.batcher.close();
  }

  private stop(): number {
    this.generation++;
    this.pages.clear(); // a listing of the previous folder is of no use

    this.scan?.cancel();
    this.scan = null;
    this.watcher?.close();
    this.watcher = null;
    this.watchInfo = null;
    this.updater?.close();
    this.updater = null;
    return this.generation;
  }

  /**
   * Watches the root and every app folder. One fs.watch costs ~0.25 ms, so 100 app
   * folders are added in slices (yielding between them) rather than in one 25 ms block;
   * open() awaits this before scanning, so no change during the scan is missed.
   */
  private async startWatching(root: string, folders: string[]): Promise<void> {
    const t0 = performance.now();
    const updater = this.updater;
    if (!updater || !this.watchInfo) return;
    const generation = this.generation;
    const watcher = createWatcher(
      this.watchInfo,
      root,
      updater,
      (app) => this.index.known(app),
      this.opts.pollIntervalMs,
    );
    updater.watcher = watcher;
    this.watcher = watcher; // stop() closes it, even half set up
    let slice = performance.now();
    for (const app of folders) {
      if (performance.now() - slice >= WATCH_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        if (generation !== this.generation) return;
        slice = performance.now();
      }
      watcher.addApp(app);
    }
    void (watcher.ready ?? Promise.resolve()).then(() => (this.timings.watchReadyMs = performance.now() - t0));
  }

  private chooseWatch(root: string): Promise<WatchInfo> {
    const preference = this.opts.watchPreference?.(root) ?? 'auto';
    return chooseWatch(root, { forced: this.opts.watchMode, preference, detect: this.opts.detectVolume });
  }

  /** The user chose Auto / Native / Polling for this folder: the watcher is replaced, the index kept. */
  async applyWatchPreference(): Promise<WorkspaceState> {
    const root = this.rootPath;
    if (root === null || this.phase !== 'ready' || !this.updater) return this.snapshot();
    const generation = this.generation;
    const info = await this.chooseWatch(root);
    if (generation !== this.generation) return this.snapshot();
    this.watchInfo = info;
    this.watcher?.close();
    await this.startWatching(root, [...this.index.apps.keys()]);
    this.batcher.state();
    await this.recheck(); // what changed while no watcher was looking
    return this.snapshot();
  }

  /** Compares the folder with the index by listings and lstats (no file read) and re-reads what differs. */
  recheck(): Promise<RecheckResult> {
    this.requireRoot();
    if (this.phase !== 'ready' || !this.watcher) return Promise.resolve({ files: 0, changed: 0 });
    this.rechecking ??= this.watcher.recheck().finally(() => (this.rechecking = null)); // a burst of focus events: one look
    return this.rechecking;
  }

  private async runScan(root: string, folders: string[], onChunk: Parameters<typeof startScan>[2]): Promise<ScanStats> {
    const handle = startScan(root, folders, onChunk);
    this.scan = handle;
    const stats = await handle.done;
    if (this.scan === handle) this.scan = null;
    return stats;
  }

  private setPhase(phase: WorkspacePhase, error: string | null): void {
    this.phase = phase;
    this.error = error;
    this.batcher.state();
  }

  snapshot(): WorkspaceState {
    return {
      phase: this.phase,
      root: this.displayRoot,
      isDemo: this.isDemo,
      error: this.error,
      watchMode: this.watchInfo?.mode ?? this.opts.watchMode ?? 'native',
      ...(this.watchInfo ? { watch: this.watchInfo } : {}),
      apps: this.index.appFolders(),
      problems: this.index.problems(),
      unpushed: this.unpushedCount(),
      host: this.opts.platform,
      version: this.opts.version,
    };
  }

  private unpushedCount(): number {
    // Sessions, not actions: one bulk Accept of 11 devices is "Push 11".
    return this.rootPath === null ? 0 : this.opts.unpushed.sessionCount(this.rootPath);
  }

  // ---- reading ---------------------------------------------------------------

  /** The files of `app` the index knows, by name (the polling watcher's baseline; the bench probes it too). */
  known(app: string): Map<string, { mtimeMs: number; size: number }> {
    return this.index.known(app);
  }

  listPending(): Promise<SessionRecord[]> {
    return pendingNewestFirst([...this.index.apps.values()].map((entry) => entry.sessions));
  }

  /** Matches of `query` in every app (see session-search.ts); nothing when no folder is open. */
  searchSessions(query: string, limit: number): SessionSearchResult {
    return searchApps(this.index.apps.values(), query, limit, (app) => {
      const entry = this.index.apps.get(app);
      return entry ? this.index.appFolder(entry).name : app;
    });
  }

  listSessions(app: string): SessionRecord[] {
    const root = this.requireRoot();
    appPath(root, app); // refuses names that are not one plain folder name
    const entry = this.index.apps.get(app);
    if (!entry) throw new ApiError('not-found', `There is no app folder "${app}" in ${root}.`);
    this.updater?.streamApps?.add(app); // the rest of its scan now arrives as 'sessions' events
    return [...entry.sessions.values()];
  }

  listSessionsPage(app: string, page: SessionPageRequest): SessionPage {
    return this.pages.page(app, page, () => this.listSessions(app));
  }

  getSession(ref: SessionRef): Promise<SessionDetail> {
    return readSessionDetail(this.requireRoot(), ref);
  }

  // ---- refresh ---------------------------------------------------------------------

  async refresh(): Promise<WorkspaceState> {
    const root = this.requireRoot();
    const updater = this.updater;
    if (!updater) throw new ApiError('no-folder', 'No MobileApps folder is open.');
    const generation = this.generation;
    let folders: string[];
    try {
      folders = await listAppFolders(root);
    } catch (err) {
      this.setPhase('error', toErrorInfo(err).message);
      throw err instanceof ApiError ? err : new ApiError('no-folder', toErrorInfo(err).message);
    }
    this.setPhase('scanning', null);
    await this.opts.unpushed.reload(); // the command line may have recorded changes meanwhile
    this.batcher.unpushed();
    // Scan into a fresh index; files the watcher reports meanwhile are re-read after the swap.
    const fresh = new SessionIndex();
    const touched = new Set<string>();
    updater.touched = touched;
    const stats = await this.runScan(root, folders, (chunk) => {
      const e = fresh.ensureApp(chunk.app);
      for (const r of chunk.records) fresh.upsert(r);
      for (const p of chunk.problems) fresh.setProblem(p);
      if (chunk.info) fresh.setInfo(chunk.app, chunk.info);
      if (chunk.done) e.scanned = true;
    });
    if (generation !== this.generation) return this.snapshot();
    updater.touched = null;
    this.timings.scan = stats;
    this.swapIndex(fresh);
    updater.index = fresh;
    for (const key of touched) {
      const slash = key.indexOf('/');
      updater.markDirty(key.slice(0, slash), key.slice(slash + 1));
    }
    this.setPhase('ready', null);
    this.batcher.flush();
    return this.snapshot();
  }

  /** Replaces the index and emits what differs, app by app. */
  private swapIndex(fresh: SessionIndex): void {
    const old = this.index;
    this.index = fresh;
    emitIndexDifference(old, fresh, { batcher: this.batcher, updater: this.updater, watcher: this.watcher });
  }
}

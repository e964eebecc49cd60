// Scans a MobileApps root: app folders are dealt out through a shared atomic
// queue to up to N worker threads, each reading its folders with synchronous
// calls on a local disk (the fast path) or many asynchronous reads in flight on a
// network share, parsing every file once and streaming chunks back as columns
// (record-compact.ts), a few at a time (credits, so no backlog blocks the main thread). The main thread takes
// folders too, in slices of a few milliseconds, until the first worker is
// ready: so the first app's sessions arrive within milliseconds even while
// workers are still starting, and a small folder is done before any worker
// would have been needed (none is started then).
//
// Loading the worker (decision): `scan-worker` is a separate module.
// - From TypeScript source (vitest, tsx, the bench) the worker is started from
//   a tiny eval'd bootstrap that registers tsx and imports scan-worker.ts.
// - Bundled (electron-vite), scan-worker.cjs must sit beside the main bundle
//   (electron.vite.config.ts emits it as one CommonJS file: worker threads load
//   CommonJS from inside app.asar; ESM there is unconfirmed). scan-worker.js is
//   still accepted.
// - If neither can be loaded, or every worker dies, the main thread scans
//   everything in time slices: correct, only slower. MSM_SCAN_WORKERS=0 forces that;
//   MSM_SCAN_WORKER_SCRIPT=<file.js> uses a pre-built worker (the benchmark does).

import { existsSync, readFileSync, statfs } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ColumnDecoder } from './record-compact';
import { FolderScan, type ScanChunk } from './scan-folder';
import { AsyncFolderPool } from './folder-async';
import { isNetworkFsType } from './network-fs';
import {
  CHUNK_CREDITS,
  QUEUE_CANCEL,
  QUEUE_NEXT,
  QUEUE_SLOTS,
  QUEUE_SLOW,
  type PackedChunk,
  type ScanWorkerData,
  type WorkerMessage,
} from './scan-protocol';

/** Longest stretch the main thread spends scanning, or applying chunks, before it yields. */
const SLICE_MS = 8;
/** Placeholder for an inbox slot already handed on. */
const EMPTY_SLOT: InboxItem = { chunk: { app: '', records: [], problems: [], done: false }, from: null };
/** Files read between two clock checks in a main-thread slice. */
const STEP_FILES = 32;
/** Until reads have proven fast, steps this small: on a share one file costs several round trips. */
const PROBE_STEP_FILES = 2;
/** Every read of a main-thread step slower than this means a network share: its folder goes async. */
const SLOW_MS_PER_FILE = 1;
/** Reads in flight for a folder the main thread began before it knew the disk was slow. */
const MAIN_ASYNC_IN_FLIGHT = 32;

/** A chunk waiting to be applied, and the worker it came from (null: the main thread). */
interface InboxItem {
  chunk: ScanChunk | PackedChunk;
  from: WorkerLink | null;
}

/** The main thread's end of one worker. */
interface WorkerLink {
  slot: number;
  /** Mirrors the worker's dictionary of repeated values. */
  decoder: ColumnDecoder;
  /** Folders it took and has not finished (several at once when it reads asynchronously). */
  taken: Set<string>;
}

export interface ScanStats {
  durationMs: number;
  /** Time until the first chunk with content (or the end) was delivered. */
  firstChunkMs: number;
  workersStarted: number;
  foldersByMainThread: number;
  /** App folders a worker finished: 0 with folders to scan means the scan fell back to the main thread. */
  foldersByWorkers: number;
  /** Why a worker failed (the first error), e.g. it could not be loaded from app.asar. */
  workerError: string | null;
  /** Reads were slow (a network share): the scan kept many of them in flight. */
  slowReads: boolean;
}

const scanListeners = new Set<(stats: ScanStats) => void>();

/** Diagnostics: called with every finished scan's stats (the desktop shell logs which path it took). */
export function onScanFinished(listener: (stats: ScanStats) => void): () => void {
  scanListeners.add(listener);
  return () => scanListeners.delete(listener);
}

export interface ScanHandle {
  done: Promise<ScanStats>;
  cancel(): void;
}

export interface ScanOptions {
  /** Upper bound of worker threads; 0 scans on the main thread only. */
  maxWorkers?: number;
}

function defaultWorkers(): number {
  if (process.env['MSM_SCAN_WORKERS'] !== undefined) return Math.max(0, Number(process.env['MSM_SCAN_WORKERS']) || 0);
  return Math.min(4, Math.max(1, availableParallelism()));
}

/** tsx's ESM register API (the package's "import" export; require.resolve would give the CommonJS one). */
function tsxEsmApiUrl(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } }>;
  };
  const entry = pkg.exports?.['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(pkgPath), entry)).href;
}

/** Starts one scan worker, or returns null when no worker script can be found. */
function createScanWorker(data: ScanWorkerData): Worker | null {
  // A pre-built JS worker (the benchmark bundles one, as the app's build does).
  // No execArgv: a worker would otherwise inherit `--import tsx` and load it for nothing (500 ms of CPU each).
  const prebuilt = process.env['MSM_SCAN_WORKER_SCRIPT'];
  if (prebuilt) return new Worker(prebuilt, { workerData: data, execArgv: [] });
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const workerUrl = new URL('./scan-worker.ts', import.meta.url).href;
    const tsxApi = tsxEsmApiUrl();
    const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); });`;
    return new Worker(bootstrap, { eval: true, workerData: data, execArgv: [] });
  }
  const script = ['scan-worker.cjs', 'scan-worker.js'].map((f) => join(dirname(here), f)).find((f) => existsSync(f));
  return script ? new Worker(script, { workerData: data }) : null;
}

class RootScan implements ScanHandle {
  readonly done: Promise<ScanStats>;
  private resolveDone!: (stats: ScanStats) => void;
  private readonly queue = new Int32Array(new SharedArrayBuffer(QUEUE_SLOTS * 4));
  private readonly credits: Int32Array;
  private readonly started = performance.now();
  private readonly workers = new Map<Worker, WorkerLink>();
  private readonly retry: string[] = [];
  private remaining: number;
  private workersTried = false;
  private readonly ready = new Set<Worker>();
  private mainScan: FolderScan | null = null;
  private mainSlowSteps = 0;
  private mainFastSteps = 0;
  private mainAsync = false;
  private mainScheduled = false;
  /**
   * Chunks received, waiting to be parsed and handed on. Workers' messages arrive
   * as fast as they can read; applying them all in one 'message' turn would block
   * the main thread, so they are drained in slices of SLICE_MS.
   */
  private readonly inbox: InboxItem[] = [];
  private inboxHead = 0;
  private drainScheduled = false;
  private finished = false;
  private stats: ScanStats = {
    durationMs: 0,
    firstChunkMs: -1,
    workersStarted: 0,
    foldersByMainThread: 0,
    foldersByWorkers: 0,
    workerError: null,
    slowReads: false,
  };

  constructor(
    private readonly root: string,
    private readonly folders: string[],
    private readonly onChunk: (chunk: ScanChunk) => void,
    private readonly maxWorkers: number,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.credits = new Int32Array(new SharedArrayBuffer(Math.max(1, maxWorkers) * 4)).fill(CHUNK_CREDITS);
    if (process.env['MSM_SCAN_ASYNC'] === '1') Atomics.store(this.queue, QUEUE_SLOW, 1); // tests: the share path
    // A network file system is known from statfs on Linux (asynchronous: a hung share must not block here).
    statfs(root, (err, info) => {
      if (!err && isNetworkFsType(info.type)) Atomics.store(this.queue, QUEUE_SLOW, 1);
    });
    this.remaining = folders.length;
    if (this.remaining === 0) this.finish();
    else this.scheduleMain();
  }

  cancel(): void {
    if (this.finished) return;
    Atomics.store(this.queue, QUEUE_CANCEL, 1);
    this.inbox.length = 0;
    this.inboxHead = 0;
    this.finish();
  }

  private scheduleMain(): void {
    if (this.mainScheduled || this.finished) return;
    this.mainScheduled = true;
    setImmediate(() => {
      this.mainScheduled = false;
      this.mainSlice();
    });
  }

  private takeFolder(): string | undefined {
    const again = this.retry.shift();
    if (again !== undefined) return again;
    if (this.ready.size > 0) return undefined; // the workers take the rest
    return this.folders[Atomics.add(this.queue, QUEUE_NEXT, 1)];
  }

  private mainSlice(): void {
    if (this.finished || this.mainAsync) return;
    const t0 = performance.now();
    while (performance.now() - t0 < SLICE_MS) {
      if (!this.mainScan) {
        const app = this.takeFolder();
        if (app === undefined) break;
        this.stats.foldersByMainThread++;
        this.mainScan = new FolderScan(this.root, app);
      }
      const slow = Atomics.load(this.queue, QUEUE_SLOW) !== 0;
      const fastestMs = this.mainScan.timedStep(slow ? 1 : this.mainFastSteps >= 2 ? STEP_FILES : PROBE_STEP_FILES);
      if (this.noteSlowStep(fastestMs)) {
        this.finishMainAsync(this.mainScan);
        this.mainScan = null;
        break;
      }
      if (this.mainScan.finished) {
        const last = this.mainScan.take();
        this.mainScan = null;
        if (last) this.enqueue({ chunk: last, from: null });
        if (this.finished) return;
      }
    }
    if (this.mainScan && this.mainScan.pending > 0) {
      const part = this.mainScan.take();
      if (part) this.enqueue({ chunk: part, from: null });
    }
    if (this.finished) return;
    if (!this.workersTried) this.startWorkers();
    const queueLeft = Atomics.load(this.queue, QUEUE_NEXT) < this.folders.length;
    if (this.mainScan || this.retry.length > 0 || (queueLeft && this.ready.size === 0)) this.scheduleMain();
  }

  /** Two slow steps in a row (one can be another process taking the core) mean a network share. */
  private noteSlowStep(fastestMs: number): boolean {
    const slow = Number.isFinite(fastestMs) && fastestMs > SLOW_MS_PER_FILE;
    this.mainSlowSteps = slow ? this.mainSlowSteps + 1 : 0;
    this.mainFastSteps = slow ? 0 : this.mainFastSteps + 1;
    if (this.mainSlowSteps >= 2) Atomics.store(this.queue, QUEUE_SLOW, 1);
    return Atomics.load(this.queue, QUEUE_SLOW) !== 0 && this.mainScan !== null && !this.mainScan.finished;
  }

  /**
   * On a share, the folder the main thread began is finished with reads in flight
   * (never blocking the event loop on a round trip); the workers take the rest.
   */
  private finishMainAsync(scan: FolderScan): void {
    this.mainAsync = true;
    const part = scan.take();
    if (part) this.enqueue({ chunk: part, from: null });
    const sink = {
      takeFolder: () => this.retry.shift(),
      cancelled: () => this.finished,
      chunk: (chunk: ScanChunk) => Promise.resolve(this.enqueue({ chunk, from: null })),
    };
    void new AsyncFolderPool(this.root, sink, 500).run(MAIN_ASYNC_IN_FLIGHT, scan).then(() => {
      this.mainAsync = false;
      if (!this.finished) this.scheduleMain();
    });
    if (!this.workersTried) this.startWorkers();
  }

  private startWorkers(): void {
    this.workersTried = true;
    const left = this.folders.length - Atomics.load(this.queue, QUEUE_NEXT);
    const count = Math.min(this.maxWorkers, left);
    const base = { root: this.root, folders: this.folders, queue: this.queue.buffer as SharedArrayBuffer };
    for (let i = 0; i < count; i++) {
      let worker: Worker | null;
      const data: ScanWorkerData = { ...base, credits: this.credits.buffer as SharedArrayBuffer, slot: i };
      try {
        worker = createScanWorker(data);
      } catch {
        worker = null;
      }
      if (!worker) break;
      this.stats.workersStarted++;
      this.workers.set(worker, { slot: i, decoder: new ColumnDecoder(), taken: new Set() });
      worker.on('message', (m: WorkerMessage) => this.onWorkerMessage(worker, m));
      worker.on('error', (err: unknown) => {
        this.stats.workerError ??= err instanceof Error ? err.message : String(err);
        this.onWorkerGone(worker);
      });
      worker.on('exit', () => this.onWorkerGone(worker));
    }
  }

  private onWorkerMessage(worker: Worker, message: WorkerMessage): void {
    const link = this.workers.get(worker);
    if (this.finished || !link) return;
    if (message.type === 'ready') this.ready.add(worker);
    else if (message.type === 'take') link.taken.add(message.app);
    else if (message.type === 'chunk') {
      if (message.chunk.done && link.taken.delete(message.chunk.app)) this.stats.foldersByWorkers++;
      this.enqueue({ chunk: message.chunk, from: link });
    }
  }

  /** A worker ended (normally or not): its unfinished folders go back to the main thread. */
  private onWorkerGone(worker: Worker): void {
    const link = this.workers.get(worker);
    if (!link) return;
    this.workers.delete(worker);
    this.retry.push(...link.taken);
    this.ready.delete(worker);
    if (!this.finished) this.scheduleMain();
  }

  /**
   * Chunks are never applied inside the 'message' callback: Node hands a port's
   * queued messages over in one go, so a per-message budget would add up. One
   * drain runs per event-loop turn, with one budget.
   */
  private enqueue(item: InboxItem): void {
    this.inbox.push(item);
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || this.finished) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  /** Builds and hands on queued chunks for at most SLICE_MS, then yields to the event loop. */
  private drain(): void {
    const t0 = performance.now();
    while (this.inboxHead < this.inbox.length && !this.finished) {
      if (performance.now() - t0 >= SLICE_MS) {
        this.scheduleDrain();
        return;
      }
      const item = this.inbox[this.inboxHead] as InboxItem;
      this.inbox[this.inboxHead++] = EMPTY_SLOT; // let the columns go
      if (item.from) {
        const packed = item.chunk as PackedChunk;
        const records = item.from.decoder.decode(packed.app, packed.records);
        this.grantCredit(item.from);
        this.deliver({ ...packed, records });
      } else this.deliver(item.chunk as ScanChunk);
    }
    this.inbox.length = 0;
    this.inboxHead = 0;
  }

  /** The worker may send one more chunk. */
  private grantCredit(link: WorkerLink): void {
    Atomics.add(this.credits, link.slot, 1);
    Atomics.notify(this.credits, link.slot);
  }

  private deliver(chunk: ScanChunk): void {
    if (this.stats.firstChunkMs < 0 && (chunk.records.length > 0 || chunk.problems.length > 0 || chunk.done)) {
      this.stats.firstChunkMs = performance.now() - this.started;
    }
    if (chunk.done) this.remaining--;
    this.onChunk(chunk);
    if (this.remaining === 0) this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.stats.durationMs = performance.now() - this.started;
    this.stats.slowReads = Atomics.load(this.queue, QUEUE_SLOW) !== 0;
    for (const worker of this.workers.keys()) void worker.terminate();
    this.workers.clear();
    this.resolveDone(this.stats);
    for (const listener of scanListeners) listener({ ...this.stats });
  }
}

/** Starts scanning `folders` (app folder names inside `root`); chunks stream to `onChunk`. */
export function startScan(
  root: string,
  folders: string[],
  onChunk: (chunk: ScanChunk) => void,
  opts: ScanOptions = {},
): ScanHandle {
  return new RootScan(root, folders, onChunk, opts.maxWorkers ?? defaultWorkers());
}

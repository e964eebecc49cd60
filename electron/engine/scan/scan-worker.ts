// Worker side of the scan: takes app folders from the shared queue (an atomic
// counter over the folder list, so threads never wait on each other) and streams
// their sessions back in chunks. On a local disk, synchronous file calls: in a
// worker they block nobody, and they cost a fraction of fs.promises. On a network
// share (known from statfs, or seen from slow reads) every read waits for round
// trips: the worker switches to many asynchronous reads in flight.

import { statfsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ColumnEncoder, transferables } from './record-compact';
import { FolderScan, type ScanChunk } from './scan-folder';
import { AsyncFolderPool } from './folder-async';
import { QUEUE_CANCEL, QUEUE_NEXT, QUEUE_SLOW, type ScanWorkerData, type WorkerMessage } from './scan-protocol';
import { isNetworkFsType } from './network-fs';

/** Files per chunk: the main thread builds and applies one chunk well within its slice. */
const CHUNK_FILES = 500;
/** Files between two checks of how long synchronous reads take. */
const PROBE_FILES = 16;
/** A local disk answers in tens of microseconds; a share needs round trips for every read. */
const SLOW_MS_PER_FILE = 1;
/** Reads in flight per worker on a share (two workers: 64, like a plain async loop). */
const ASYNC_IN_FLIGHT = 32;

const data = workerData as ScanWorkerData;
const queue = new Int32Array(data.queue);
const credits = new Int32Array(data.credits);
const encoder = new ColumnEncoder();

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

const cancelled = () => Atomics.load(queue, QUEUE_CANCEL) !== 0;

function send(chunk: ScanChunk): void {
  Atomics.sub(credits, data.slot, 1);
  const records = encoder.encode(chunk.records);
  post({ type: 'chunk', chunk: { ...chunk, records } }, transferables(records));
}

/** Blocks until the main thread has room for one more chunk (or the scan is cancelled). */
function waitCreditSync(): void {
  while (Atomics.load(credits, data.slot) <= 0 && !cancelled()) Atomics.wait(credits, data.slot, 0, 50);
}

/** Atomics.waitAsync (Node 16+; in TypeScript's lib only from ES2024). */
type WaitAsync = (
  on: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
) => { async: boolean; value: unknown };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

async function waitCredit(): Promise<void> {
  while (Atomics.load(credits, data.slot) <= 0 && !cancelled()) {
    const waiting = waitAsync(credits, data.slot, 0, 50);
    if (waiting.async) await waiting.value;
  }
}

function takeFolder(): string | undefined {
  if (cancelled()) return undefined;
  const app = data.folders[Atomics.add(queue, QUEUE_NEXT, 1)];
  if (app !== undefined) post({ type: 'take', app });
  return app;
}

function onShare(): boolean {
  if (process.env['MSM_SCAN_ASYNC'] === '1') return true; // tests: the share path on a local disk
  try {
    return isNetworkFsType(statfsSync(data.root).type);
  } catch {
    return false;
  }
}

/** Reads one folder synchronously; returns it unfinished when reads turn out slow (to finish it asynchronously). */
function scanSync(app: string): FolderScan | null {
  const scan = new FolderScan(data.root, app);
  let slowSteps = 0;
  while (!scan.finished && !cancelled()) {
    const fastestMs = scan.timedStep(PROBE_FILES);
    // Twice in a row, on top of "the fastest read of the step": a share is slow every time.
    slowSteps = Number.isFinite(fastestMs) && fastestMs > SLOW_MS_PER_FILE ? slowSteps + 1 : 0;
    if (slowSteps >= 2) Atomics.store(queue, QUEUE_SLOW, 1);
    if (Atomics.load(queue, QUEUE_SLOW) !== 0 && !scan.finished) return scan;
    if (scan.pending >= CHUNK_FILES) {
      waitCreditSync();
      const part = scan.take();
      if (part) send(part);
    }
  }
  waitCreditSync();
  const last = scan.take();
  if (last && !cancelled()) send(last);
  return null;
}

async function run(): Promise<void> {
  post({ type: 'ready' });
  if (onShare()) Atomics.store(queue, QUEUE_SLOW, 1);
  let resume: FolderScan | null = null;
  while (Atomics.load(queue, QUEUE_SLOW) === 0) {
    const app = takeFolder();
    if (app === undefined) break;
    resume = scanSync(app);
    if (resume) break;
  }
  if (Atomics.load(queue, QUEUE_SLOW) !== 0 && !cancelled()) {
    const pool = new AsyncFolderPool(
      data.root,
      {
        takeFolder,
        cancelled,
        chunk: async (chunk) => {
          await waitCredit();
          if (!cancelled()) send(chunk);
        },
      },
      CHUNK_FILES,
    );
    await pool.run(ASYNC_IN_FLIGHT, resume ?? undefined);
  }
  post({ type: 'end' });
}

void run();

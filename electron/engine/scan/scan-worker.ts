// Worker side of the scan: takes app folders from the shared queue (an atomic
// counter over the folder list, so threads never wait on each other) and
// streams their sessions back in chunks. Synchronous file calls on purpose:
// in a worker they block nobody, and they cost a tenth of fs.promises.

import { parentPort, workerData } from 'node:worker_threads';
import { packRecords } from './record-compact';
import { FolderScan, type ScanChunk } from './scan-folder';
import { ReadBuffer } from '../session/session-read';
import { QUEUE_CANCEL, QUEUE_NEXT, type ScanWorkerData, type WorkerMessage } from './scan-protocol';

/** Files per chunk: the main thread parses and applies one chunk in about a millisecond. */
const CHUNK_FILES = 500;

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function postChunk(chunk: ScanChunk): void {
  post({ type: 'chunk', chunk: { ...chunk, records: packRecords(chunk.records) } });
}

function run(data: ScanWorkerData): void {
  const queue = new Int32Array(data.queue);
  const rb = new ReadBuffer();
  post({ type: 'ready' });
  for (;;) {
    if (Atomics.load(queue, QUEUE_CANCEL) !== 0) break;
    const index = Atomics.add(queue, QUEUE_NEXT, 1);
    const app = data.folders[index];
    if (app === undefined) break;
    post({ type: 'take', app });
    const scan = new FolderScan(data.root, app, rb);
    while (!scan.finished && Atomics.load(queue, QUEUE_CANCEL) === 0) {
      scan.step(CHUNK_FILES);
      const chunk = scan.take();
      if (chunk) postChunk(chunk);
    }
    const last = scan.take(); // an empty folder, or a cancelled scan
    if (last) postChunk(last);
  }
  post({ type: 'end' });
}

run(workerData as ScanWorkerData);

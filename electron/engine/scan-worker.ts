// Worker side of the scan: takes app folders from the shared queue (an atomic
// counter over the folder list, so threads never wait on each other) and
// streams their sessions back in chunks. Synchronous file calls on purpose:
// in a worker they block nobody, and they cost a tenth of fs.promises.

import { parentPort, workerData } from 'node:worker_threads';
import { FolderScan } from './scan-folder';
import { ReadBuffer } from './session-read';
import { QUEUE_CANCEL, QUEUE_NEXT, type ScanWorkerData, type WorkerMessage } from './scan-protocol';

const CHUNK_FILES = 1000;

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
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
      if (chunk) post({ type: 'chunk', chunk });
    }
    const last = scan.take(); // an empty folder, or a cancelled scan
    if (last) post({ type: 'chunk', chunk: last });
  }
  post({ type: 'end' });
}

run(workerData as ScanWorkerData);

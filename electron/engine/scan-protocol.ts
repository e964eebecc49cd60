// Messages between the scan orchestrator and its workers.

import type { ScanChunk } from './scan-folder';

/** Int32 slots of the shared queue buffer. */
export const QUEUE_NEXT = 0; // index of the next folder to take
export const QUEUE_CANCEL = 1; // non-zero: stop as soon as possible
export const QUEUE_SLOTS = 2;

export interface ScanWorkerData {
  root: string;
  folders: string[];
  queue: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'take'; app: string }
  | { type: 'chunk'; chunk: ScanChunk }
  | { type: 'end' };

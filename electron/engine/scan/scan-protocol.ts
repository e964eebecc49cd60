// Messages between the scan orchestrator and its workers.

import type { ScanChunk } from './scan-folder';
import type { PackedRecords } from './record-compact';

/** Int32 slots of the shared queue buffer. */
export const QUEUE_NEXT = 0; // index of the next folder to take
export const QUEUE_CANCEL = 1; // non-zero: stop as soon as possible
export const QUEUE_SLOTS = 2;

export interface ScanWorkerData {
  root: string;
  folders: string[];
  queue: SharedArrayBuffer;
}

/**
 * A chunk as it crosses to the main thread: its records as one JSON text. Cloning
 * one string is cheap; cloning 500 records would build thousands of objects inside
 * the main thread's 'message' handler, unsliced.
 */
export interface PackedChunk extends Omit<ScanChunk, 'records'> {
  records: PackedRecords;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'take'; app: string }
  | { type: 'chunk'; chunk: PackedChunk }
  | { type: 'end' };

// Messages between the scan orchestrator and its workers.

import type { ScanChunk } from './scan-folder';
import type { ColumnRecords } from './record-compact';

/** Int32 slots of the shared queue buffer. */
export const QUEUE_NEXT = 0; // index of the next folder to take
export const QUEUE_CANCEL = 1; // non-zero: stop as soon as possible
export const QUEUE_SLOW = 2; // non-zero: reads are slow (a network share): keep many in flight
export const QUEUE_SLOTS = 3;

/**
 * Chunks a worker may have sent and the main thread not yet applied. Node hands a
 * port's queued messages over in one go, deserializing each: without a bound a
 * worker faster than the main thread would pile up a long block.
 */
export const CHUNK_CREDITS = 3;

export interface ScanWorkerData {
  root: string;
  folders: string[];
  queue: SharedArrayBuffer;
  /** Int32 per worker: chunks it may still send; the main thread adds one per chunk applied. */
  credits: SharedArrayBuffer;
  slot: number;
}

/** A chunk as it crosses to the main thread: its records as columns (record-compact.ts). */
export interface PackedChunk extends Omit<ScanChunk, 'records'> {
  records: ColumnRecords;
}

export type WorkerMessage =
  { type: 'ready' } | { type: 'take'; app: string } | { type: 'chunk'; chunk: PackedChunk } | { type: 'end' };

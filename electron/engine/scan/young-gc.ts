// An explicit young-generation collection between the scan's slices.
//
// Why: a scan builds 100,000 records on the main thread that all stay alive. V8
// copies live young objects at every scavenge, and its young generation grows to
// 16 MB when most objects survive, so each scavenge copied ~16 MB of records: 20-35
// ms pauses on a busy 2-core machine (measured with PerformanceObserver 'gc'),
// landing inside whichever slice was running. Shrinking the young generation
// needs --max-semi-space-size at process start, which the Electron main process
// does not let us pass reliably. Collecting it ourselves every few thousand
// records, between slices, copies only what arrived since the last one (a few ms)
// and the total work is the same (each record is copied once or twice either way).
//
// gc is reached through --expose-gc set at run time and a fresh vm context (the
// global scope is untouched). Where that is not possible, this is a no-op and V8
// schedules scavenges itself, as before. MSM_SCAN_MINOR_GC=0 turns it off.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options: { type: 'minor'; execution: 'sync' }) => void;

let cached: GcFunction | null | undefined;

function gcFunction(): GcFunction | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (process.env['MSM_SCAN_MINOR_GC'] === '0') return cached;
  try {
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('typeof gc === "function" ? gc : null') as unknown;
    if (typeof fn === 'function') cached = fn as GcFunction;
  } catch {
    cached = null;
  }
  return cached;
}

/** Runs a synchronous young-generation collection when available; returns whether it ran. */
export function collectYoungGeneration(): boolean {
  const gc = gcFunction();
  if (!gc) return false;
  gc({ type: 'minor', execution: 'sync' });
  return true;
}

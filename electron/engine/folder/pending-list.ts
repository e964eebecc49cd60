// The approval inbox's list (every pending session, newest first) built without
// blocking the main thread: with 100,000 sessions, one filter + comparator sort
// of 75,000 records held the event loop for ~170 ms. Records are gathered in
// runs of RUN_SIZE, each run sorted on its own, then runs merged pairwise,
// yielding to the event loop whenever a slice exceeds SLICE_MS.

import type { SessionRecord } from '../../../shared/types';

const RUN_SIZE = 2048;
const SLICE_MS = 8;

/** Newest first; ties by app folder, then session id (a stable, total order). */
export function newestFirst(a: SessionRecord, b: SessionRecord): number {
  return b.mtimeMs - a.mtimeMs || (a.app < b.app ? -1 : a.app > b.app ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Records merged between two clock checks. */
const MERGE_STEP = 4096;

async function merge(a: SessionRecord[], b: SessionRecord[], slicer: Slicer): Promise<SessionRecord[]> {
  const out: SessionRecord[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    out[k++] =
      newestFirst(a[i] as SessionRecord, b[j] as SessionRecord) <= 0
        ? (a[i++] as SessionRecord)
        : (b[j++] as SessionRecord);
    if (k % MERGE_STEP === 0) await slicer.pause(); // the last merges hold 75,000 records
  }
  while (i < a.length) out[k++] = a[i++] as SessionRecord;
  while (j < b.length) out[k++] = b[j++] as SessionRecord;
  return out;
}

class Slicer {
  private start = performance.now();
  async pause(): Promise<void> {
    if (performance.now() - this.start < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.start = performance.now();
  }
}

/** Every record of `sessionsByApp` whose status is pending, newest first. */
export async function pendingNewestFirst(
  sessionsByApp: Iterable<Map<string, SessionRecord>>,
): Promise<SessionRecord[]> {
  const slicer = new Slicer();
  const runs: SessionRecord[][] = [];
  let run: SessionRecord[] = [];
  const close = async (): Promise<void> => {
    if (run.length === 0) return;
    runs.push(run.sort(newestFirst));
    run = [];
    await slicer.pause();
  };
  for (const sessions of [...sessionsByApp]) {
    let seen = 0;
    for (const r of sessions.values()) {
      if (++seen % MERGE_STEP === 0) await slicer.pause(); // one app may hold 100,000 sessions
      if (r.status !== 'pending') continue;
      run.push(r);
      if (run.length >= RUN_SIZE) await close();
    }
  }
  await close();
  // Pairwise rounds: every record is merged log2(runs) times, one merge at a time.
  let head = 0;
  while (runs.length - head > 1) {
    runs.push(await merge(runs[head] as SessionRecord[], runs[head + 1] as SessionRecord[], slicer));
    runs[head] = runs[head + 1] = [];
    head += 2;
    await slicer.pause();
  }
  return runs[head] ?? [];
}

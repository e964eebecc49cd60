// The approval inbox across every open folder: each folder's listPending() is
// already newest first, so a k-way merge (k = open folders, a handful) keeps the
// order without sorting again. Each record is copied with its folder id; the
// merge yields to the event loop whenever a slice runs past SLICE_MS, so 100,000
// pending sessions never hold the main process (or the browser-mode server).

import type { SessionRecord } from '../../../shared/types';
import { newestFirst } from '../folder/pending-list';

const SLICE_MS = 8;
/** Records merged between two clock checks. */
const STEP = 512;

export interface FolderPending {
  folder: string;
  records: SessionRecord[];
}

/** Every list's records tagged with its folder, newest first; ties keep the lists' order. */
export async function mergeFolderPending(lists: FolderPending[]): Promise<SessionRecord[]> {
  const total = lists.reduce((n, l) => n + l.records.length, 0);
  const out: SessionRecord[] = new Array(total);
  const heads = lists.map(() => 0);
  let sliceStart = performance.now();
  for (let k = 0; k < total; k++) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const candidate = (lists[i] as FolderPending).records[heads[i] as number];
      if (candidate === undefined) continue;
      if (
        best < 0 ||
        newestFirst(candidate, (lists[best] as FolderPending).records[heads[best] as number] as SessionRecord) < 0
      )
        best = i;
    }
    const list = lists[best] as FolderPending;
    const record = list.records[heads[best] as number] as SessionRecord;
    heads[best] = (heads[best] as number) + 1;
    out[k] = { ...record, folder: list.folder };
    if (k % STEP === STEP - 1 && performance.now() - sliceStart > SLICE_MS) {
      await new Promise((done) => setImmediate(done));
      sliceStart = performance.now();
    }
  }
  return out;
}

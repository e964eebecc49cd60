// Applying a few changed records to a long sorted list without re-sorting or re-filtering
// it: each replaced record is found by binary search with the list's comparator and
// dropped, each new record that passes the filter is inserted where the comparator puts
// it, and the list is rebuilt in one linear merge (a copy: lists handed out stay as they
// were, so memoized React values never change under their users).

import type { SessionRecord } from '../../../shared/types';
import { searchTextOf } from '../../../shared/session-filter';
import type { ChangeStep } from './session-index';

/** Sorted rows as parallel arrays: `hay[i]` is searchTextOf(recs[i]). */
export interface SortedRows {
  ids: string[];
  recs: SessionRecord[];
  hay: string[];
}

type Compare = (a: SessionRecord, b: SessionRecord) => number;

/** First index whose record is not before `r`. */
function lowerBound(recs: readonly SessionRecord[], r: SessionRecord, compare: Compare): number {
  let lo = 0;
  let hi = recs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(recs[mid]!, r) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function applyStep(
  rows: SortedRows,
  step: ChangeStep,
  compare: Compare,
  keep: (r: SessionRecord) => boolean,
): SortedRows {
  const drop = new Set<number>();
  for (const old of step.before) {
    // The comparator is a total order ending in app and id, so the old record is exactly here if it was kept.
    const at = lowerBound(rows.recs, old, compare);
    if (at < rows.recs.length && rows.recs[at] === old) drop.add(at);
  }
  const add = step.after.filter(keep).sort(compare);
  if (drop.size === 0 && add.length === 0) return rows;
  // Where each new record goes (found once by binary search; the merge below compares nothing).
  const places = add.map((r) => lowerBound(rows.recs, r, compare));
  const n = rows.recs.length - drop.size + add.length;
  const out: SortedRows = { ids: new Array<string>(n), recs: new Array<SessionRecord>(n), hay: new Array<string>(n) };
  let j = 0;
  let k = 0;
  for (let i = 0; i <= rows.recs.length; i++) {
    while (k < add.length && places[k] === i) {
      const r = add[k++]!;
      out.ids[j] = r.id;
      out.recs[j] = r;
      out.hay[j++] = searchTextOf(r);
    }
    if (i === rows.recs.length || drop.has(i)) continue;
    out.ids[j] = rows.ids[i]!;
    out.recs[j] = rows.recs[i]!;
    out.hay[j++] = rows.hay[i]!;
  }
  return out;
}

/** `rows` after the steps, as if filtered by `keep` and sorted by `compare` from scratch. */
export function patchRows(
  rows: SortedRows,
  steps: readonly ChangeStep[],
  compare: Compare,
  keep: (r: SessionRecord) => boolean,
): SortedRows {
  let out = rows;
  for (const step of steps) out = applyStep(out, step, compare, keep);
  return out;
}

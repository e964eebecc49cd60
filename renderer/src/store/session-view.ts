// The visible order of an app's sessions: sorted by one column, then filtered by status
// and search. The rules are the command line's (shared/session-filter.ts): sorting uses
// `compareRecords` (number-aware, IPv4 by value, empty values last), search uses
// `searchTerms` / `searchTextOf` (every word must appear, case- and accent-insensitive).
// What this file adds is speed at 100,000 rows: the sorted order is cached per app as
// parallel arrays (record, search text, status) so that a keystroke is a tight loop
// over plain arrays, small deltas are inserted by binary search with the same
// comparator instead of re-sorting, and a query that extends the previous one only
// re-checks the previous matches.

import { compareRecords, searchTerms, searchTextOf, type SortColumn } from '../../../shared/session-filter';
import type { SessionRecord, SessionStatus } from '../../../shared/types';
import type { AppSessions } from './session-index';

/** The table's sort keys ("mtime" is what localStorage has always held for Last changed). */
export type SortKey = 'device' | 'os' | 'email' | 'language' | 'ip' | 'status' | 'mtime';
export const SORT_KEYS: readonly SortKey[] = ['device', 'os', 'email', 'language', 'ip', 'status', 'mtime'];
export type SortDir = 'asc' | 'desc';
export interface SortSpec {
  key: SortKey;
  dir: SortDir;
}
export type StatusFilter = 'all' | 'accepted' | 'pending';

const COLUMN_OF: Record<SortKey, SortColumn> = {
  device: 'device',
  os: 'os',
  email: 'email',
  language: 'language',
  ip: 'ip',
  status: 'status',
  mtime: 'changed',
};

/** The shared comparator for a sort spec: the same order the command line prints. */
export function recordComparator(sort: SortSpec): (a: SessionRecord, b: SessionRecord) => number {
  const column = COLUMN_OF[sort.key];
  return (a, b) => compareRecords(a, b, column, sort.dir);
}

/** Compares two session ids of one app by the sort spec (for callers holding ids). */
export function makeComparator(records: ReadonlyMap<string, SessionRecord>, sort: SortSpec): (a: string, b: string) => number {
  const compare = recordComparator(sort);
  return (a, b) => {
    const ra = records.get(a);
    const rb = records.get(b);
    if (!ra || !rb) return 0;
    return compare(ra, rb);
  };
}

/** One app's sessions in sort order, as parallel arrays. */
export interface SortedView {
  gen: number;
  rev: number;
  sortKey: SortKey;
  dir: SortDir;
  ids: string[];
  recs: SessionRecord[];
  /** searchTextOf(recs[i]): normalized text every search word is looked for in. */
  hay: string[];
  status: (SessionStatus | null)[];
}

const sortedCache = new Map<string, SortedView>();
/** Deltas larger than this are cheaper to handle with one full sort. */
const INCREMENTAL_LIMIT = 500;

function viewOf(s: AppSessions, sort: SortSpec, recs: SessionRecord[]): SortedView {
  const n = recs.length;
  const view: SortedView = { gen: s.gen, rev: s.rev, sortKey: sort.key, dir: sort.dir, ids: new Array(n), recs, hay: new Array(n), status: new Array(n) };
  for (let i = 0; i < n; i++) {
    const r = recs[i]!;
    view.ids[i] = r.id;
    view.hay[i] = searchTextOf(r);
    view.status[i] = r.status;
  }
  return view;
}

function fullSort(s: AppSessions, sort: SortSpec): SortedView {
  const recs = [...s.records.values()];
  recs.sort(recordComparator(sort));
  return viewOf(s, sort, recs);
}

/** Drops the changed and removed rows, then inserts the new versions where the comparator puts them. */
function patch(prev: SortedView, s: AppSessions, upserted: string[], removed: string[]): SortedView {
  const compare = recordComparator({ key: prev.sortKey, dir: prev.dir });
  const drop = new Set([...upserted, ...removed]);
  const view: SortedView = { ...prev, gen: s.gen, rev: s.rev, ids: [], recs: [], hay: [], status: [] };
  for (let i = 0; i < prev.ids.length; i++) {
    if (drop.has(prev.ids[i]!)) continue;
    view.ids.push(prev.ids[i]!);
    view.recs.push(prev.recs[i]!);
    view.hay.push(prev.hay[i]!);
    view.status.push(prev.status[i]!);
  }
  for (const id of upserted) {
    const r = s.records.get(id);
    if (!r) continue;
    let lo = 0;
    let hi = view.recs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(view.recs[mid]!, r) < 0) lo = mid + 1;
      else hi = mid;
    }
    view.ids.splice(lo, 0, id);
    view.recs.splice(lo, 0, r);
    view.hay.splice(lo, 0, searchTextOf(r));
    view.status.splice(lo, 0, r.status);
  }
  return view;
}

/** The app's sessions in sort order; cached, patched incrementally on small deltas. */
export function sortedView(s: AppSessions, sort: SortSpec): SortedView {
  const cached = sortedCache.get(s.app);
  const sameSort = cached && cached.gen === s.gen && cached.sortKey === sort.key && cached.dir === sort.dir;
  if (sameSort && cached.rev === s.rev) return cached;
  const change = s.lastChange;
  const view =
    sameSort && change && cached.rev === change.fromRev && change.upserted.length + change.removed.length <= INCREMENTAL_LIMIT
      ? patch(cached, s, change.upserted, change.removed)
      : fullSort(s, sort);
  sortedCache.set(s.app, view);
  return view;
}

/** All ids of the app in the given order. */
export function sortedIds(s: AppSessions, sort: SortSpec): string[] {
  return sortedView(s, sort).ids;
}

export function forgetSortedView(app?: string): void {
  if (app === undefined) sortedCache.clear();
  else sortedCache.delete(app);
}

/**
 * Indexes (into the view) of the rows with the status and every search word: the
 * search half of shared `compileFilter`, run over the view's precomputed texts.
 */
function matchIndexes(view: SortedView, terms: string[], status: StatusFilter, candidates: number[] | null): number[] {
  const out: number[] = [];
  const n = candidates ? candidates.length : view.ids.length;
  const { hay, status: st } = view;
  outer: for (let j = 0; j < n; j++) {
    const i = candidates ? candidates[j]! : j;
    if (status !== 'all' && st[i] !== status) continue;
    const h = hay[i]!;
    for (const t of terms) if (!h.includes(t)) continue outer;
    out.push(i);
  }
  return out;
}

/** Filters the app's sorted sessions by status and a search query (no memo: the reference answer). */
export function filterIds(s: AppSessions, sort: SortSpec, query: string, status: StatusFilter): string[] {
  const view = sortedView(s, sort);
  const terms = searchTerms(query);
  if (terms.length === 0 && status === 'all') return view.ids;
  return matchIndexes(view, terms, status, null).map((i) => view.ids[i]!);
}

let last: { view: SortedView; query: string; status: StatusFilter; idx: number[] | null; ids: string[] } | null = null;

/** The rows to show; memoized, and a query that extends the previous one only re-checks its matches. */
export function visibleIds(s: AppSessions, sort: SortSpec, query: string, status: StatusFilter): string[] {
  const view = sortedView(s, sort);
  const terms = searchTerms(query);
  // The normalized words, joined: when it extends the previous one, every new word
  // contains (or equals) the previous word at its place, so matches can only shrink.
  const q = terms.join(' ');
  if (last && last.view === view && last.status === status && last.query === q) return last.ids;
  if (terms.length === 0 && status === 'all') {
    last = { view, query: q, status, idx: null, ids: view.ids };
    return view.ids;
  }
  const narrowing = last && last.view === view && last.status === status && last.idx && last.query && q.startsWith(last.query);
  const idx = matchIndexes(view, terms, status, narrowing ? last!.idx : null);
  const ids = idx.map((i) => view.ids[i]!);
  last = { view, query: q, status, idx, ids };
  return ids;
}

// The visible order of an app's sessions: sorted by one column, then filtered by status
// and search. The rules are the command line's (shared/session-filter.ts): sorting gives
// exactly `compareRecords`' order, search uses `searchTerms` / `searchTextOf` (every word
// must appear, case- and accent-insensitive). What this file adds is speed at 100,000 rows:
// - a full sort ranks each column value once (shared/session-sort.ts), not n·log n
//   collator calls, and reuses the app/id tie ranks between columns;
// - the sorted order and each filtered list are kept, and a live change (a few rows) is
//   applied to them by binary search with the comparator (rows-patch.ts), not recomputed;
// - a query that extends the previous one only re-checks the previous matches.

import { compareRecords, searchTerms, searchTextOf, type SortColumn } from '../../../shared/session-filter';
import { sortOrder, tieRanks } from '../../../shared/session-sort';
import type { SessionRecord, SessionStatus } from '../../../shared/types';
import { patchRows, type SortedRows } from './rows-patch';
import { stepsSince, type AppSessions } from './session-index';

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

/** One app's sessions in sort order, as parallel arrays (`hay[i]` = searchTextOf(recs[i])). */
export interface SortedView extends SortedRows {
  gen: number;
  rev: number;
  sortKey: SortKey;
  dir: SortDir;
}

const sortedCache = new Map<string, SortedView>();
/** The app/id tie ranks of one revision's rows, shared by every column's full sort. */
const tieCache = new Map<string, { gen: number; rev: number; recs: SessionRecord[]; tie: Int32Array }>();

function rowsOf(s: AppSessions): { recs: SessionRecord[]; tie: Int32Array } {
  const cached = tieCache.get(s.app);
  if (cached && cached.gen === s.gen && cached.rev === s.rev) return cached;
  const recs = [...s.records.values()];
  const entry = { gen: s.gen, rev: s.rev, recs, tie: tieRanks(recs) };
  tieCache.set(s.app, entry);
  return entry;
}

function fullSort(s: AppSessions, sort: SortSpec): SortedView {
  const { recs: rows, tie } = rowsOf(s);
  const order = sortOrder(rows, COLUMN_OF[sort.key], sort.dir, tie);
  const n = order.length;
  const view: SortedView = { gen: s.gen, rev: s.rev, sortKey: sort.key, dir: sort.dir, ids: new Array<string>(n), recs: new Array<SessionRecord>(n), hay: new Array<string>(n) };
  for (let i = 0; i < n; i++) {
    const r = rows[order[i]!]!;
    view.recs[i] = r;
    view.ids[i] = r.id;
    view.hay[i] = searchTextOf(r);
  }
  return view;
}

/** The app's sessions in sort order; cached, patched incrementally on small deltas. */
export function sortedView(s: AppSessions, sort: SortSpec): SortedView {
  const cached = sortedCache.get(s.app);
  const sameSort = cached && cached.gen === s.gen && cached.sortKey === sort.key && cached.dir === sort.dir;
  if (sameSort && cached.rev === s.rev) return cached;
  const steps = sameSort ? stepsSince(s, cached.rev) : null;
  const view: SortedView = steps
    ? { ...cached!, rev: s.rev, ...patchRows(cached!, steps, recordComparator(sort), () => true) }
    : fullSort(s, sort);
  sortedCache.set(s.app, view);
  return view;
}

/** All ids of the app in the given order. */
export function sortedIds(s: AppSessions, sort: SortSpec): string[] {
  return sortedView(s, sort).ids;
}

export function forgetSortedView(app?: string): void {
  if (app === undefined) {
    sortedCache.clear();
    tieCache.clear();
    filteredMemo = null;
  } else {
    sortedCache.delete(app);
    tieCache.delete(app);
    if (filteredMemo?.app === app) filteredMemo = null;
  }
}

/** Sizes of what this module keeps, for the leak check. */
export function viewCacheSizes(): { sortedViews: number; tieRanks: number; filtered: number } {
  return { sortedViews: sortedCache.size, tieRanks: tieCache.size, filtered: filteredMemo ? filteredMemo.rows.ids.length : 0 };
}

/** The status and search half of shared `compileFilter`, as one predicate. */
export function statusSearchFilter(terms: readonly string[], status: StatusFilter): (r: SessionRecord, hay: string) => boolean {
  return (r, hay) => {
    if (status !== 'all' && r.status !== status) return false;
    for (const t of terms) if (!hay.includes(t)) return false;
    return true;
  };
}

/** The rows of `rows` that `keep` accepts (candidates: a subset of indexes to look at, in order). */
export function filterRows(rows: SortedRows, keep: (r: SessionRecord, hay: string) => boolean, candidates?: SortedRows): SortedRows {
  const from = candidates ?? rows;
  const out: SortedRows = { ids: [], recs: [], hay: [] };
  const { recs, hay } = from;
  for (let i = 0; i < recs.length; i++) {
    if (!keep(recs[i]!, hay[i]!)) continue;
    out.ids.push(from.ids[i]!);
    out.recs.push(recs[i]!);
    out.hay.push(hay[i]!);
  }
  return out;
}

/** Filters the app's sorted sessions by status and a search query (no memo: the reference answer). */
export function filterIds(s: AppSessions, sort: SortSpec, query: string, status: StatusFilter): string[] {
  const view = sortedView(s, sort);
  const terms = searchTerms(query);
  if (terms.length === 0 && status === 'all') return view.ids;
  return filterRows(view, statusSearchFilter(terms, status)).ids;
}

/** A filtered list kept between calls: what it was computed for, so a later call can patch it. */
export interface FilteredMemo<K> {
  app: string;
  gen: number;
  rev: number;
  sortKey: SortKey;
  dir: SortDir;
  key: K;
  rows: SortedRows;
}

/**
 * The rows of the app's sorted view that `keep` accepts, reusing `memo` when it was made
 * for the same app, sort and filter: a live change is patched in by binary search; a
 * narrower filter (`narrows(memo.key)`) only re-checks the memo's rows.
 */
export function filteredRows<K>(
  s: AppSessions,
  sort: SortSpec,
  key: K,
  sameKey: (a: K, b: K) => boolean,
  narrows: (previous: K) => boolean,
  keep: (r: SessionRecord, hay: string) => boolean,
  memo: FilteredMemo<K> | null,
): FilteredMemo<K> {
  const base = { app: s.app, gen: s.gen, rev: s.rev, sortKey: sort.key, dir: sort.dir, key };
  const sameView = memo && memo.app === s.app && memo.gen === s.gen && memo.sortKey === sort.key && memo.dir === sort.dir;
  if (sameView && sameKey(memo.key, key)) {
    if (memo.rev === s.rev) return memo;
    const steps = stepsSince(s, memo.rev);
    if (steps) return { ...base, rows: patchRows(memo.rows, steps, recordComparator(sort), (r) => keep(r, searchTextOf(r))) };
  }
  const view = sortedView(s, sort);
  const candidates = sameView && memo.rev === s.rev && narrows(memo.key) ? memo.rows : undefined;
  return { ...base, rows: filterRows(view, keep, candidates) };
}

interface StatusSearch {
  /** The normalized words, joined. */
  query: string;
  status: StatusFilter;
}

let filteredMemo: FilteredMemo<StatusSearch> | null = null;

/** The rows to show (status and search only); memoized, patched on live changes, narrowed on extended queries. */
export function visibleIds(s: AppSessions, sort: SortSpec, query: string, status: StatusFilter): string[] {
  const terms = searchTerms(query);
  if (terms.length === 0 && status === 'all') return sortedView(s, sort).ids;
  const key: StatusSearch = { query: terms.join(' '), status };
  filteredMemo = filteredRows(
    s,
    sort,
    key,
    (a, b) => a.query === b.query && a.status === b.status,
    // When the joined words extend the previous ones, every new word contains (or equals)
    // the previous word at its place, so matches can only shrink.
    (previous) => previous.status === status && previous.query !== '' && key.query.startsWith(previous.query),
    statusSearchFilter(terms, status),
    filteredMemo,
  );
  return filteredMemo.rows.ids;
}

// The visible order of an app's sessions: sorted by one column, then filtered by status
// and search. The rules are the command line's (shared/session-filter.ts): sorting gives
// exactly `compareRecords`' order, search uses `searchTerms` / `searchTextOf` (every word
// must appear, case- and accent-insensitive). What this file adds is speed at 100,000 rows:
// - per column, an ascending index of the rows (shared/session-sort.ts `ColumnIndex`):
//   built once per load (the shown column at once, the others in idle-time slices of a
//   few milliseconds), then patched on every live change by binary search, so a click
//   on a column header only copies an order that exists (or reverses it by groups);
// - the sorted order and each filtered list are kept, and a live change (a few rows) is
//   applied to them by binary search with the comparator (rows-patch.ts), not recomputed;
// - a query that extends the previous one only re-checks the previous matches, and a new
//   sort of the same filter keeps the same matches (no search over 100k rows again).

import {
  compareRecords,
  searchTerms,
  searchTextOf,
  SORT_COLUMNS,
  type SortColumn,
} from '../../../shared/session-filter';
import {
  ColumnIndex,
  indexedRow,
  runSteps,
  STEP_ITEMS,
  tieRanksSteps,
  type IndexedRow,
  type Steps,
} from '../../../shared/session-sort';
import type { SessionRecord } from '../../../shared/types';
import { patchRows, type SortedRows } from './rows-patch';
import { isLatest, stepsSince, type AppSessions } from './session-index';

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
export function makeComparator(
  records: ReadonlyMap<string, SessionRecord>,
  sort: SortSpec,
): (a: string, b: string) => number {
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

// --- per-column indexes ------------------------------------------------------------------

/** One revision's rows as an array, with their app/id tie ranks once computed (shared by every column's build). */
interface Rows {
  gen: number;
  rev: number;
  recs: SessionRecord[];
  tie: Int32Array | null;
  /** recs[i]'s IndexedRow, one object per record shared by every column's index. */
  indexed: IndexedRow[] | null;
}
const rowsCache = new Map<string, Rows>();

function rowsOf(s: AppSessions): Rows {
  const cached = rowsCache.get(s.app);
  if (cached && cached.gen === s.gen && cached.rev === s.rev) return cached;
  const entry: Rows = { gen: s.gen, rev: s.rev, recs: [...s.records.values()], tie: null, indexed: null };
  rowsCache.set(s.app, entry);
  return entry;
}

function* tieOf(rows: Rows): Steps<Int32Array> {
  if (!rows.tie) rows.tie = yield* tieRanksSteps(rows.recs);
  return rows.tie;
}

function* indexedOf(rows: Rows): Steps<IndexedRow[]> {
  if (!rows.indexed) {
    const out = new Array<IndexedRow>(rows.recs.length);
    for (let i = 0; i < out.length; i++) {
      out[i] = indexedRow(rows.recs[i]!);
      if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    }
    rows.indexed = out;
  }
  return rows.indexed;
}

/** Builds one column's index from one revision's rows (resumable). */
function* buildColumn(rows: Rows, column: SortColumn): Steps<ColumnIndex> {
  const tie = yield* tieOf(rows);
  const indexed = yield* indexedOf(rows);
  return yield* ColumnIndex.build(rows.recs, column, tie, indexed);
}

/** The column indexes of the app shown last (one app at a time), all at `rev`. */
interface AppIndex {
  app: string;
  gen: number;
  rev: number;
  /** The sessions the indexes were last brought up to (their steps patch a column built from older rows). */
  latest: AppSessions;
  columns: Map<SortColumn, ColumnIndex>;
  /** The idle-time build of the missing columns, when one is under way. */
  build: Steps<void> | null;
}

let appIndex: AppIndex | null = null;

/** Brings the app's indexes to `s.rev` (patching each column with the changes since), or starts them afresh. */
function syncIndex(s: AppSessions): AppIndex {
  const index = appIndex;
  if (!index || index.app !== s.app || index.gen !== s.gen) {
    appIndex = { app: s.app, gen: s.gen, rev: s.rev, latest: s, columns: new Map(), build: null };
    return appIndex;
  }
  if (index.rev !== s.rev) {
    const steps = stepsSince(s, index.rev);
    if (steps) {
      for (const column of index.columns.values()) for (const step of steps) column.apply(step.before, step.after);
    } else {
      // Too much changed (a Refresh, or changes nobody looked at): build again.
      index.columns.clear();
      index.build = null;
    }
    index.rev = s.rev;
  }
  index.latest = s;
  return index;
}

/**
 * Keeps a column built from the rows of `fromRev`, patched up to the index's latest sessions.
 * False when the changes since are no longer kept (the rows are too old: build again).
 */
function adoptBuilt(index: AppIndex, column: SortColumn, built: ColumnIndex, fromRev: number): boolean {
  const steps = stepsSince(index.latest, fromRev);
  if (!steps) return false;
  for (const step of steps) built.apply(step.before, step.after);
  index.columns.set(column, built);
  return true;
}

/** Builds the missing columns from one revision's rows; each built column is patched up to the index's rev. */
function* buildMissing(index: AppIndex, rows: Rows): Steps<void> {
  for (const column of SORT_COLUMNS) {
    if (index.columns.has(column)) continue;
    const built = yield* buildColumn(rows, column);
    if (appIndex !== index || index.columns.has(column)) continue;
    if (!adoptBuilt(index, column, built, rows.rev)) return; // a later slice starts again
  }
}

/** The column's index for `s`, built now when it does not exist yet. */
function columnIndex(s: AppSessions, column: SortColumn): ColumnIndex {
  const index = syncIndex(s);
  let built = index.columns.get(column);
  if (!built) {
    const rows = rowsOf(s);
    built = runSteps(buildColumn(rows, column));
    index.columns.set(column, built);
  }
  scheduleIndexBuild();
  return built;
}

/**
 * Builds the index of the column `sort` shows for `s`, in steps, before `s` is shown: a
 * first view of 100,000 sessions then only copies an order that exists, instead of
 * building it in one long task. (The other columns follow in idle time, as always.)
 * Changes that reach the app meanwhile (`latest`) are patched into the built index.
 */
export function* prepareShownColumn(
  s: AppSessions,
  sort: SortSpec,
  latest: () => AppSessions | undefined = () => s,
): Steps<void> {
  const column = COLUMN_OF[sort.key];
  if (shownColumnReady(s, sort)) return;
  const built = yield* buildColumn(rowsOf(s), column);
  const now = latest();
  if (!now || now.app !== s.app || now.gen !== s.gen) return; // another folder, or the app went away
  const index = syncIndex(now);
  // Kept unless too much changed meanwhile (then the view builds it when asked).
  if (!index.columns.has(column)) adoptBuilt(index, column, built, s.rev);
}

/** True when the column `sort` shows has an index for this app and load (a view of it is then quick). */
export function shownColumnReady(s: AppSessions, sort: SortSpec): boolean {
  const index = appIndex;
  return !!index && index.app === s.app && index.gen === s.gen && index.columns.has(COLUMN_OF[sort.key]);
}

/**
 * Runs the build of the shown app's missing column indexes for about `budgetMs` (one
 * pause point may overrun it by a native sort of the rows, ~10 ms at 100k). True when
 * every column is built.
 */
export function stepIndexBuild(budgetMs: number): boolean {
  const index = appIndex;
  if (!index) return true;
  const complete = () => SORT_COLUMNS.every((c) => index.columns.has(c));
  // Rows are read from the live record map: only while the index has seen its latest revision.
  if (!isLatest(index.latest)) return complete();
  const start = performance.now();
  do {
    if (complete()) {
      index.build = null;
      rowsCache.delete(index.app); // the indexes follow the changes now; the snapshot would only pin replaced records
      return true;
    }
    index.build ??= buildMissing(index, rowsOf(index.latest));
    if (index.build.next().done) index.build = null;
    if (appIndex !== index) return true;
  } while (performance.now() - start < budgetMs);
  return complete();
}

type IdleScheduler = (work: (deadline?: { timeRemaining(): number }) => void) => void;
const idle = (
  globalThis as { requestIdleCallback?: (cb: (d: { timeRemaining(): number }) => void, o?: object) => number }
).requestIdleCallback;
/** Idle time in the renderer; none in Node (tests and the bench run `stepIndexBuild` themselves). */
const scheduleIdle: IdleScheduler | null = idle ? (work) => idle(work, { timeout: 2_000 }) : null;
/** Longest slice of index building per idle callback. */
const IDLE_SLICE_MS = 8;
let idleScheduled = false;

function scheduleIndexBuild(): void {
  if (!scheduleIdle || idleScheduled) return;
  idleScheduled = true;
  const slice = (deadline?: { timeRemaining(): number }) => {
    const budget = Math.max(4, Math.min(IDLE_SLICE_MS, deadline ? deadline.timeRemaining() : IDLE_SLICE_MS));
    if (stepIndexBuild(budget)) idleScheduled = false;
    else scheduleIdle(slice);
  };
  scheduleIdle(slice);
}

/** Which columns of the shown app have an index (for the bench and tests). */
export function indexedColumns(): SortColumn[] {
  return appIndex ? [...appIndex.columns.keys()] : [];
}

// --- sorted views -----------------------------------------------------------------------------

function fullSort(s: AppSessions, sort: SortSpec): SortedView {
  const rows = columnIndex(s, COLUMN_OF[sort.key]).rows(sort.dir);
  return { gen: s.gen, rev: s.rev, sortKey: sort.key, dir: sort.dir, ...rows };
}

/** The app's sessions in sort order; cached, patched incrementally on small deltas. */
export function sortedView(s: AppSessions, sort: SortSpec): SortedView {
  syncIndex(s);
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
    rowsCache.clear();
    appIndex = null;
    filteredMemo = null;
  } else {
    sortedCache.delete(app);
    rowsCache.delete(app);
    if (appIndex?.app === app) appIndex = null;
    if (filteredMemo?.app === app) filteredMemo = null;
  }
}

/** Sizes of what this module keeps, for the leak check. */
export function viewCacheSizes(): { sortedViews: number; tieRanks: number; filtered: number; indexedRows: number } {
  let indexedRows = 0;
  if (appIndex) for (const column of appIndex.columns.values()) indexedRows = Math.max(indexedRows, column.size);
  return {
    sortedViews: sortedCache.size,
    tieRanks: rowsCache.size,
    filtered: filteredMemo ? filteredMemo.rows.ids.length : 0,
    indexedRows,
  };
}

/** The status and search half of shared `compileFilter`, as one predicate. */
export function statusSearchFilter(
  terms: readonly string[],
  status: StatusFilter,
): (r: SessionRecord, hay: string) => boolean {
  return (r, hay) => {
    if (status !== 'all' && r.status !== status) return false;
    for (const t of terms) if (!hay.includes(t)) return false;
    return true;
  };
}

/** The rows of `rows` that `keep` accepts (candidates: a subset of indexes to look at, in order). */
export function filterRows(
  rows: SortedRows,
  keep: (r: SessionRecord, hay: string) => boolean,
  candidates?: SortedRows,
): SortedRows {
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
  syncIndex(s); // the column indexes follow every change, so a later click on a header finds them current
  const base = { app: s.app, gen: s.gen, rev: s.rev, sortKey: sort.key, dir: sort.dir, key };
  const sameApp = memo && memo.app === s.app && memo.gen === s.gen;
  const sameView = sameApp && memo.sortKey === sort.key && memo.dir === sort.dir;
  if (sameView && sameKey(memo.key, key)) {
    if (memo.rev === s.rev) return memo;
    const steps = stepsSince(s, memo.rev);
    if (steps)
      return { ...base, rows: patchRows(memo.rows, steps, recordComparator(sort), (r) => keep(r, searchTextOf(r))) };
  }
  const view = sortedView(s, sort);
  if (sameApp && !sameView && memo.rev === s.rev && sameKey(memo.key, key)) {
    // Only the sort changed: the same rows match, in the new order (no filter run over every row).
    const matched = new Set<SessionRecord>(memo.rows.recs);
    return { ...base, rows: filterRows(view, (r) => matched.has(r)) };
  }
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

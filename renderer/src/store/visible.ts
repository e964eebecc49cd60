// The rows the sessions table shows, in order: the app's sorted view narrowed by
// status and search (session-view.ts) and by the other filters (shared/session-filter.ts,
// the same rules as the command line). One memoized function, so the table, the status
// bar, Select All, export and the selection all agree on what "visible" means; a live
// change patches the kept list (a few binary searches) instead of filtering 100k rows.
// After the user changes rows (holdRowOrder), the order shown is held: a changed row
// keeps its place (with Last changed first it would jump to the top, away from the
// pointer) until the user re-sorts, filters, searches or opens another app.

import { compileFilter, searchTerms } from '../../../shared/session-filter';
import type { SessionRecord } from '../../../shared/types';
import { hasExtra, type ExtraFilters } from './filters';
import type { AppSessions } from './session-index';
import {
  filteredRows,
  recordComparator,
  statusSearchFilter,
  visibleIds,
  type FilteredMemo,
  type SortSpec,
  type StatusFilter,
} from './session-view';
import { useUi } from './ui';
import { useWorkspace } from './workspace';

/** "Older than N days" is evaluated against a clock that moves in minutes, so results stay stable between renders. */
export function filterClock(now: number = Date.now()): number {
  return Math.floor(now / 60_000) * 60_000;
}

interface AllFilters {
  query: string;
  status: StatusFilter;
  filters: ExtraFilters;
  clock: number;
}

let memo: FilteredMemo<AllFilters> | null = null;

export function visibleWithFilters(
  s: AppSessions,
  sort: SortSpec,
  query: string,
  status: StatusFilter,
  filters: ExtraFilters,
  clock: number = filterClock(),
): string[] {
  const view: ViewKey = { app: s.app, gen: s.gen, sortKey: sort.key, dir: sort.dir, query, status, filters };
  return keepHeldOrder(view, sortedVisible(s, sort, query, status, filters, clock));
}

function sortedVisible(
  s: AppSessions,
  sort: SortSpec,
  query: string,
  status: StatusFilter,
  filters: ExtraFilters,
  clock: number,
): string[] {
  if (!hasExtra(filters)) return visibleIds(s, sort, query, status);
  const terms = searchTerms(query);
  // The clock only matters for the age filter.
  const key: AllFilters = {
    query: terms.join(' '),
    status,
    filters,
    clock: filters.olderThanDays === undefined ? 0 : clock,
  };
  const bySearch = statusSearchFilter(terms, status);
  const byExtra = compileFilter(filters, clock);
  memo = filteredRows(
    s,
    sort,
    key,
    (a, b) => a.query === b.query && a.status === b.status && a.filters === b.filters && a.clock === b.clock,
    (p) =>
      p.status === status &&
      p.filters === filters &&
      p.clock === key.clock &&
      p.query !== '' &&
      key.query.startsWith(p.query),
    (r, hay) => bySearch(r, hay) && byExtra(r),
    memo,
  );
  return memo.rows.ids;
}

/** What the user chose to see: the held order lasts while all of it stays the same. */
interface ViewKey {
  app: string;
  gen: number;
  sortKey: SortSpec['key'];
  dir: SortSpec['dir'];
  query: string;
  status: StatusFilter;
  filters: ExtraFilters;
}

interface Shown {
  view: ViewKey;
  /** The sorted answer it was made from, and the order shown. */
  sorted: string[];
  ids: string[];
  /** Where each id of `ids` is (built when first needed, then kept while `ids` is). */
  pos: Map<string, number> | null;
}

/** The last order shown, and the held one (set by holdRowOrder, dropped when the view changes). */
let lastShown: Shown | null = null;
let held: Shown | null = null;

function sameView(a: ViewKey, b: ViewKey): boolean {
  return (
    a.app === b.app &&
    a.gen === b.gen &&
    a.sortKey === b.sortKey &&
    a.dir === b.dir &&
    a.query === b.query &&
    a.status === b.status &&
    a.filters === b.filters
  );
}

/** The user is about to change rows: keep the order shown now until the view changes. */
export function holdRowOrder(): void {
  if (lastShown && !held) held = lastShown;
}

function keepHeldOrder(view: ViewKey, sorted: string[]): string[] {
  if (held && !sameView(held.view, view)) held = null;
  if (!held) {
    lastShown = { view, sorted, ids: sorted, pos: null };
    return sorted;
  }
  if (held.sorted !== sorted) {
    // Each live change during a bulk action comes here: one pass over the rows, and the
    // same array (so the table and its header do not re-render) when none came or went.
    held.pos ??= positions(held.ids);
    const ids = mergeHeldAt(held.ids, held.pos, sorted);
    held = { view, sorted, ids, pos: ids === held.ids ? held.pos : null };
  }
  lastShown = held;
  return held.ids;
}

function positions(ids: readonly string[]): Map<string, number> {
  const pos = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) pos.set(ids[i]!, i);
  return pos;
}

/**
 * The held order with what changed since: rows gone (or filtered out) leave, rows that
 * are new take their sorted place (before the held row that follows them there), the
 * others stay where they were. Returns `heldIds` itself when no row came or went.
 */
export function mergeHeld(heldIds: readonly string[], sorted: readonly string[]): readonly string[] {
  return mergeHeldAt(heldIds, positions(heldIds), sorted);
}

/** mergeHeld with the positions of the held ids (`pos`, kept between calls): one pass over `sorted`. */
function mergeHeldAt<T extends readonly string[]>(
  heldIds: T,
  pos: ReadonlyMap<string, number>,
  sorted: readonly string[],
): T | string[] {
  // Which held rows are still there, and the new rows, each before the held row that follows it in `sorted`.
  const present = new Uint8Array(heldIds.length);
  let kept = 0;
  let newBefore: Map<number, string[]> | null = null;
  let pending: string[] | null = null;
  for (const id of sorted) {
    const at = pos.get(id);
    if (at === undefined) (pending ??= []).push(id);
    else {
      if (present[at] === 0) kept += 1;
      present[at] = 1;
      if (pending) {
        (newBefore ??= new Map()).set(at, pending);
        pending = null;
      }
    }
  }
  if (kept === heldIds.length && !newBefore && !pending) return heldIds;
  const out: string[] = [];
  for (let i = 0; i < heldIds.length; i++) {
    if (present[i] === 0) continue;
    const fresh = newBefore?.get(i);
    if (fresh) for (const id of fresh) out.push(id);
    out.push(heldIds[i]!);
  }
  if (pending) for (const id of pending) out.push(id);
  return out;
}

/** Drops the kept list (with session-view's forgetSortedView, when a folder closes). */
export function forgetVisible(): void {
  memo = null;
  lastShown = null;
  held = null;
}

/** Length of the kept list, for the leak check. */
export function visibleMemoSize(): number {
  if (!held) return memo ? memo.rows.ids.length : 0;
  return (memo ? memo.rows.ids.length : 0) + (held.ids !== held.sorted ? held.ids.length : 0) + (held.pos?.size ?? 0);
}

/** The visible ids of the selected app (empty outside the sessions view's data). */
export function currentVisibleIds(): string[] {
  const { selectedApp, sort, query, statusFilter, filters } = useUi.getState();
  const s = selectedApp ? useWorkspace.getState().sessions.get(selectedApp) : undefined;
  return s ? visibleWithFilters(s, sort, query, statusFilter, filters) : [];
}

/**
 * A test of "is this session of the selected app among currentVisibleIds()?" in O(log n):
 * a binary search of the sorted answer with the sort's comparator (a total order), so a
 * live change checks the few rows it touched without a set of every visible id.
 */
export function currentVisibleTest(): (id: string) => boolean {
  const { selectedApp, sort, query, statusFilter, filters } = useUi.getState();
  const s = selectedApp ? useWorkspace.getState().sessions.get(selectedApp) : undefined;
  if (!s) return () => false;
  const sorted = sortedVisible(s, sort, query, statusFilter, filters, filterClock());
  const compare = recordComparator(sort);
  const { records } = s;
  return (id) => {
    const rec = records.get(id);
    if (!rec) return false;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = records.get(sorted[mid]!);
      if (!r) return sorted.includes(id); // not expected: the list is made of the current records
      if (compare(r, rec) < 0) lo = mid + 1;
      else hi = mid;
    }
    return sorted[lo] === id;
  };
}

/** The visible records of the selected app, in display order. */
export function currentVisibleRecords(): SessionRecord[] {
  const { selectedApp } = useUi.getState();
  const s = selectedApp ? useWorkspace.getState().sessions.get(selectedApp) : undefined;
  if (!s) return [];
  const out: SessionRecord[] = [];
  for (const id of currentVisibleIds()) {
    const r = s.records.get(id);
    if (r) out.push(r);
  }
  return out;
}

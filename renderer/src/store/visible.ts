// The rows the sessions table shows, in order: the app's sorted view narrowed by
// status and search (session-view.ts) and by the other filters (shared/session-filter.ts,
// the same rules as the command line). One memoized function, so the table, the status
// bar, Select All, export and the selection all agree on what "visible" means; a live
// change patches the kept list (a few binary searches) instead of filtering 100k rows.

import { compileFilter, searchTerms } from '../../../shared/session-filter';
import type { SessionRecord } from '../../../shared/types';
import { hasExtra, type ExtraFilters } from './filters';
import type { AppSessions } from './session-index';
import { filteredRows, statusSearchFilter, visibleIds, type FilteredMemo, type SortSpec, type StatusFilter } from './session-view';
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
  if (!hasExtra(filters)) return visibleIds(s, sort, query, status);
  const terms = searchTerms(query);
  // The clock only matters for the age filter.
  const key: AllFilters = { query: terms.join(' '), status, filters, clock: filters.olderThanDays === undefined ? 0 : clock };
  const bySearch = statusSearchFilter(terms, status);
  const byExtra = compileFilter(filters, clock);
  memo = filteredRows(
    s,
    sort,
    key,
    (a, b) => a.query === b.query && a.status === b.status && a.filters === b.filters && a.clock === b.clock,
    (p) => p.status === status && p.filters === filters && p.clock === key.clock && p.query !== '' && key.query.startsWith(p.query),
    (r, hay) => bySearch(r, hay) && byExtra(r),
    memo,
  );
  return memo.rows.ids;
}

/** Drops the kept list (with session-view's forgetSortedView, when a folder closes). */
export function forgetVisible(): void {
  memo = null;
}

/** Length of the kept list, for the leak check. */
export function visibleMemoSize(): number {
  return memo ? memo.rows.ids.length : 0;
}

/** The visible ids of the selected app (empty outside the sessions view's data). */
export function currentVisibleIds(): string[] {
  const { selectedApp, sort, query, statusFilter, filters } = useUi.getState();
  const s = selectedApp ? useWorkspace.getState().sessions.get(selectedApp) : undefined;
  return s ? visibleWithFilters(s, sort, query, statusFilter, filters) : [];
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


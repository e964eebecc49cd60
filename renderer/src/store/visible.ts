// The rows the sessions table shows, in order: the app's sorted view narrowed by
// status and search (fast path, session-view.ts), then by the other filters
// (shared/session-filter.ts, the same rules as the command line). One memoized
// function, so the table, the status bar, Select All, export and the selection
// all agree on what "visible" means.

import { compileFilter } from '../../../shared/session-filter';
import type { SessionRecord } from '../../../shared/types';
import { hasExtra, type ExtraFilters } from './filters';
import type { AppSessions } from './session-index';
import { visibleIds, type SortSpec, type StatusFilter } from './session-view';
import { useUi } from './ui';
import { useWorkspace } from './workspace';

/** "Older than N days" is evaluated against a clock that moves in minutes, so results stay stable between renders. */
export function filterClock(now: number = Date.now()): number {
  return Math.floor(now / 60_000) * 60_000;
}

let memo: { base: string[]; filters: ExtraFilters; clock: number; ids: string[] } | null = null;

export function visibleWithFilters(
  s: AppSessions,
  sort: SortSpec,
  query: string,
  status: StatusFilter,
  filters: ExtraFilters,
  clock: number = filterClock(),
): string[] {
  const base = visibleIds(s, sort, query, status);
  if (!hasExtra(filters)) return base;
  // The clock only matters for the age filter.
  const effectiveClock = filters.olderThanDays === undefined ? 0 : clock;
  if (memo && memo.base === base && memo.filters === filters && memo.clock === effectiveClock) return memo.ids;
  const keep = compileFilter(filters, effectiveClock || clock);
  const ids = base.filter((id) => {
    const r = s.records.get(id);
    return r !== undefined && keep(r);
  });
  memo = { base, filters, clock: effectiveClock, ids };
  return ids;
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


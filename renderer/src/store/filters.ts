// The filters beside search and status (platform, simulator, app version, language,
// "not changed for N days"), and their memory per MobileApps folder: each folder
// keeps its own filters in localStorage, keyed by the folder's path.

import { countActive, PLATFORM_FILTERS, type PlatformFilter, type SessionFilter } from '../../../shared/session-filter';
import type { StatusFilter } from './session-view';

export interface ExtraFilters {
  platform?: PlatformFilter;
  simulator?: boolean;
  appVersion?: string;
  language?: string;
  olderThanDays?: number;
}

/** What is remembered per folder (search is not: it is a moment's question). */
export interface RememberedFilters {
  status: StatusFilter;
  extra: ExtraFilters;
}

export const NO_FILTERS: RememberedFilters = { status: 'all', extra: {} };

const KEY_PREFIX = 'msm.filters:';

export function filtersStorageKey(root: string): string {
  return `${KEY_PREFIX}${root}`;
}

/** Keeps only well-formed fields, so a hand-edited or old entry cannot break the view. */
export function sanitizeExtra(raw: unknown): ExtraFilters {
  if (!raw || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const out: ExtraFilters = {};
  if (typeof r.platform === 'string' && (PLATFORM_FILTERS as readonly string[]).includes(r.platform))
    out.platform = r.platform as PlatformFilter;
  if (typeof r.simulator === 'boolean') out.simulator = r.simulator;
  if (typeof r.appVersion === 'string' && r.appVersion !== '') out.appVersion = r.appVersion.slice(0, 100);
  if (typeof r.language === 'string' && r.language.trim() !== '') out.language = r.language.trim().slice(0, 35);
  if (typeof r.olderThanDays === 'number' && Number.isFinite(r.olderThanDays) && r.olderThanDays >= 0)
    out.olderThanDays = Math.min(Math.floor(r.olderThanDays), 36_500);
  return out;
}

export function loadFilters(root: string | null): RememberedFilters {
  if (!root) return NO_FILTERS;
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(filtersStorageKey(root)) ?? 'null');
    if (!raw || typeof raw !== 'object') return NO_FILTERS;
    const { status, extra } = raw as Record<string, unknown>;
    return { status: status === 'accepted' || status === 'pending' ? status : 'all', extra: sanitizeExtra(extra) };
  } catch {
    return NO_FILTERS; // storage unavailable or corrupt
  }
}

export function saveFilters(root: string | null, filters: RememberedFilters): void {
  if (!root) return;
  try {
    const key = filtersStorageKey(root);
    if (filters.status === 'all' && Object.keys(filters.extra).length === 0) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, JSON.stringify(filters));
  } catch {
    // not remembered; harmless
  }
}

/** How many filters are on, status included (search is counted by its own field). */
export function activeFilterCount(status: StatusFilter, extra: ExtraFilters): number {
  return countActive({ status, ...extra } satisfies SessionFilter);
}

export function hasExtra(extra: ExtraFilters): boolean {
  return countActive(extra) > 0;
}

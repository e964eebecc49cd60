// The visible order of an app's sessions: sorted by one column, then filtered by status
// and search. Sorting 100k rows costs tens of milliseconds, so the sorted order is cached
// per app and patched in place for small deltas; a search keystroke only re-filters it.

import type { SessionRecord } from '../../../shared/types';
import type { AppSessions } from './session-index';

export type SortKey = 'device' | 'os' | 'email' | 'language' | 'ip' | 'status' | 'mtime';
export const SORT_KEYS: readonly SortKey[] = ['device', 'os', 'email', 'language', 'ip', 'status', 'mtime'];
export type SortDir = 'asc' | 'desc';
export interface SortSpec {
  key: SortKey;
  dir: SortDir;
}
export type StatusFilter = 'all' | 'accepted' | 'pending';

/** Digit runs padded so that "iPhone 9" sorts before "iPhone 15" with a plain string compare. */
function natural(s: string): string {
  return s.toLowerCase().replace(/\d+/g, (d) => d.padStart(12, '0'));
}

const keyCache = new Map<SortKey, WeakMap<SessionRecord, string | number>>(SORT_KEYS.map((k) => [k, new WeakMap()]));

function computeKey(r: SessionRecord, key: SortKey): string | number {
  switch (key) {
    case 'device':
      return natural(r.deviceDescription);
    case 'os':
      return natural(`${r.os} ${r.osVersion}`);
    case 'email':
      // Empty e-mails last in ascending order.
      return r.email ? r.email.toLowerCase() : '\uffff';
    case 'language':
      return r.language.toLowerCase();
    case 'ip':
      return natural(r.ip);
    case 'status':
      return r.status ?? 'zzz';
    case 'mtime':
      return r.mtimeMs;
  }
}

function sortKeyOf(r: SessionRecord, key: SortKey): string | number {
  const cache = keyCache.get(key)!;
  let k = cache.get(r);
  if (k === undefined) {
    k = computeKey(r, key);
    cache.set(r, k);
  }
  return k;
}

export function makeComparator(records: ReadonlyMap<string, SessionRecord>, sort: SortSpec): (a: string, b: string) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a, b) => {
    const ra = records.get(a);
    const rb = records.get(b);
    if (!ra || !rb) return 0;
    const ka = sortKeyOf(ra, sort.key);
    const kb = sortKeyOf(rb, sort.key);
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return a < b ? -1 : a > b ? 1 : 0; // stable tie-break on the session id
  };
}

interface SortedCache {
  gen: number;
  rev: number;
  sortKey: SortKey;
  dir: SortDir;
  order: string[];
}

const sortedCache = new Map<string, SortedCache>();
/** Deltas larger than this are cheaper to handle with one full sort. */
const INCREMENTAL_LIMIT = 500;

function insertSorted(order: string[], id: string, cmp: (a: string, b: string) => number): void {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(order[mid]!, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  order.splice(lo, 0, id);
}

/** All ids of the app in the given order; cached, patched incrementally on small deltas. */
export function sortedIds(s: AppSessions, sort: SortSpec): string[] {
  const cached = sortedCache.get(s.app);
  if (cached && cached.gen === s.gen && cached.rev === s.rev && cached.sortKey === sort.key && cached.dir === sort.dir) return cached.order;
  const cmp = makeComparator(s.records, sort);
  let order: string[];
  const change = s.lastChange;
  if (
    cached &&
    change &&
    cached.gen === s.gen &&
    cached.rev === change.fromRev &&
    cached.sortKey === sort.key &&
    cached.dir === sort.dir &&
    change.upserted.length + change.removed.length <= INCREMENTAL_LIMIT
  ) {
    const drop = new Set([...change.upserted, ...change.removed]);
    order = cached.order.filter((id) => !drop.has(id));
    for (const id of change.upserted) insertSorted(order, id, cmp);
  } else {
    order = Array.from(s.records.keys()).sort(cmp);
  }
  sortedCache.set(s.app, { gen: s.gen, rev: s.rev, sortKey: sort.key, dir: sort.dir, order });
  return order;
}

export function forgetSortedView(app?: string): void {
  if (app === undefined) sortedCache.clear();
  else sortedCache.delete(app);
}

/** Filters a sorted order by status and a search query (matched against each precomputed haystack). */
export function filterIds(s: AppSessions, order: string[], query: string, status: StatusFilter): string[] {
  const q = query.trim().toLowerCase();
  if (!q && status === 'all') return order;
  const terms = q ? q.split(/\s+/) : [];
  const out: string[] = [];
  for (const id of order) {
    if (status !== 'all' && s.records.get(id)?.status !== status) continue;
    if (terms.length) {
      const h = s.haystacks.get(id) ?? '';
      let ok = true;
      for (const t of terms) {
        if (!h.includes(t)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
    }
    out.push(id);
  }
  return out;
}

let lastVisible: { s: AppSessions; rev: number; sort: SortSpec; query: string; status: StatusFilter; ids: string[] } | null = null;

/** The rows to show; memoized on its inputs so re-renders without changes cost nothing. */
export function visibleIds(s: AppSessions, sort: SortSpec, query: string, status: StatusFilter): string[] {
  const l = lastVisible;
  if (l && l.s.gen === s.gen && l.rev === s.rev && l.sort.key === sort.key && l.sort.dir === sort.dir && l.query === query && l.status === status) {
    return l.ids;
  }
  const ids = filterIds(s, sortedIds(s, sort), query, status);
  lastVisible = { s, rev: s.rev, sort, query, status, ids };
  return ids;
}

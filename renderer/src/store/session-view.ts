// The visible order of an app's sessions: sorted by one column, then filtered by status
// and search. The sorted order is cached per app as parallel arrays (id, sort key,
// haystack, status) so that a search keystroke is a tight loop over plain arrays, small
// deltas patch the arrays instead of re-sorting, and a query that extends the previous
// one only re-checks the previous matches.

import type { SessionRecord, SessionStatus } from '../../../shared/types';
import { haystackOf, type AppSessions } from './session-index';

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

/** Compares two records by the sort column, then by id so the order is total and stable. */
export function makeComparator(records: ReadonlyMap<string, SessionRecord>, sort: SortSpec): (a: string, b: string) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a, b) => {
    const ra = records.get(a);
    const rb = records.get(b);
    if (!ra || !rb) return 0;
    return compareKeys(sortKeyOf(ra, sort.key), a, sortKeyOf(rb, sort.key), b, sign);
  };
}

function compareKeys(ka: string | number, ida: string, kb: string | number, idb: string, sign: number): number {
  if (ka < kb) return -sign;
  if (ka > kb) return sign;
  return ida < idb ? -1 : ida > idb ? 1 : 0;
}

/** One app's sessions in sort order, as parallel arrays. */
export interface SortedView {
  gen: number;
  rev: number;
  sortKey: SortKey;
  dir: SortDir;
  ids: string[];
  keys: (string | number)[];
  hay: string[];
  status: (SessionStatus | null)[];
}

const sortedCache = new Map<string, SortedView>();
/** Deltas larger than this are cheaper to handle with one full sort. */
const INCREMENTAL_LIMIT = 500;

function fullSort(s: AppSessions, sort: SortSpec): SortedView {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const rows: { id: string; k: string | number; r: SessionRecord }[] = [];
  for (const r of s.records.values()) rows.push({ id: r.id, k: sortKeyOf(r, sort.key), r });
  rows.sort((a, b) => compareKeys(a.k, a.id, b.k, b.id, sign));
  const n = rows.length;
  const view: SortedView = { gen: s.gen, rev: s.rev, sortKey: sort.key, dir: sort.dir, ids: new Array(n), keys: new Array(n), hay: new Array(n), status: new Array(n) };
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    view.ids[i] = row.id;
    view.keys[i] = row.k;
    view.hay[i] = haystackOf(row.r);
    view.status[i] = row.r.status;
  }
  return view;
}

function patch(prev: SortedView, s: AppSessions, upserted: string[], removed: string[]): SortedView {
  const sign = prev.dir === 'asc' ? 1 : -1;
  const drop = new Set([...upserted, ...removed]);
  const view: SortedView = { ...prev, gen: s.gen, rev: s.rev, ids: [], keys: [], hay: [], status: [] };
  for (let i = 0; i < prev.ids.length; i++) {
    if (drop.has(prev.ids[i]!)) continue;
    view.ids.push(prev.ids[i]!);
    view.keys.push(prev.keys[i]!);
    view.hay.push(prev.hay[i]!);
    view.status.push(prev.status[i]!);
  }
  for (const id of upserted) {
    const r = s.records.get(id);
    if (!r) continue;
    const k = sortKeyOf(r, prev.sortKey);
    let lo = 0;
    let hi = view.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(view.keys[mid]!, view.ids[mid]!, k, id, sign) < 0) lo = mid + 1;
      else hi = mid;
    }
    view.ids.splice(lo, 0, id);
    view.keys.splice(lo, 0, k);
    view.hay.splice(lo, 0, haystackOf(r));
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

function termsOf(query: string): string[] {
  const q = query.trim().toLowerCase();
  return q ? q.split(/\s+/) : [];
}

/** Indexes (into the view) of the rows matching the status and every search term. */
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

/** Filters the app's sorted sessions by status and a search query. */
export function filterIds(s: AppSessions, sort: SortSpec, query: string, status: StatusFilter): string[] {
  const view = sortedView(s, sort);
  const terms = termsOf(query);
  if (terms.length === 0 && status === 'all') return view.ids;
  return matchIndexes(view, terms, status, null).map((i) => view.ids[i]!);
}

let last: { view: SortedView; query: string; status: StatusFilter; idx: number[] | null; ids: string[] } | null = null;

/** The rows to show; memoized, and a query that extends the previous one only re-checks its matches. */
export function visibleIds(s: AppSessions, sort: SortSpec, query: string, status: StatusFilter): string[] {
  const view = sortedView(s, sort);
  const q = query.trim().toLowerCase();
  if (last && last.view === view && last.status === status && last.query === q) return last.ids;
  const terms = termsOf(q);
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

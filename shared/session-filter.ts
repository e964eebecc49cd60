// Filtering, searching and sorting of session rows. Pure: no Node, no DOM, so the
// renderer's table and the command line apply exactly the same rules.
//
// Performance matters here (the table filters 100,000 rows on every keystroke):
// `compileFilter` turns a filter into one predicate once, and the lower-cased
// search text of each record is computed once and cached per record object.

import type { SessionRecord, SessionStatus } from './types';

export type PlatformFilter = 'ios' | 'ipados' | 'android';
export const PLATFORM_FILTERS: readonly PlatformFilter[] = ['ios', 'ipados', 'android'];

export interface SessionFilter {
  /** Undefined or 'all' keeps every status. */
  status?: SessionStatus | 'all';
  /** From device.os: "iOS", "iPadOS", "Android" (case-insensitive). */
  platform?: PlatformFilter;
  simulator?: boolean;
  /** Exact application.version. */
  appVersion?: string;
  /** "en_US" matches exactly; a bare language code ("en") matches every region of it. */
  language?: string;
  /** Keeps sessions whose file has not changed for at least this many days. */
  olderThanDays?: number;
  /** Whitespace-separated words; every word must appear somewhere in the row (case- and accent-insensitive). */
  search?: string;
}

export const DAY_MS = 86_400_000;

// --- search text ------------------------------------------------------------------

/** Lower-case, without accents, so "José" is found by "jose". */
export function normalizeForSearch(text: string): string {
  const lower = text.toLowerCase();
  // Fast path: pure ASCII needs no decomposition (the common case for ids, IPs, e-mails).
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

const searchTextCache = new WeakMap<SessionRecord, string>();

/** Everything a user might type to find a row, joined; cached per record object (records are immutable). */
export function searchTextOf(record: SessionRecord): string {
  let text = searchTextCache.get(record);
  if (text === undefined) {
    text = normalizeForSearch(
      [
        record.deviceDescription,
        record.email,
        record.os,
        record.osVersion,
        record.ip,
        record.language,
        record.appVersion,
        record.status ?? '',
        record.app,
        record.id,
        record.deviceId,
      ].join('\u0001'),
    );
    searchTextCache.set(record, text);
  }
  return text;
}

/** Splits a search box's text into normalized words; empty when there is nothing to search for. */
export function searchTerms(search: string | undefined): string[] {
  if (!search) return [];
  return normalizeForSearch(search)
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

// --- filter -------------------------------------------------------------------------

/** The platform a row belongs to, from its os field; null when unknown. */
export function platformOf(record: SessionRecord): PlatformFilter | null {
  const os = record.os.trim().toLowerCase();
  if (os === 'ios') return 'ios';
  if (os === 'ipados') return 'ipados';
  if (os === 'android') return 'android';
  return null;
}

function languageMatcher(wanted: string): (language: string) => boolean {
  const w = wanted.trim().toLowerCase().replace('-', '_');
  if (w.includes('_')) return (language) => language.toLowerCase().replace('-', '_') === w;
  // A bare code: "en" matches "en", "en_US", "en-GB", but not "eng".
  return (language) => {
    const l = language.toLowerCase();
    return l === w || l.startsWith(`${w}_`) || l.startsWith(`${w}-`);
  };
}

type Predicate = (record: SessionRecord) => boolean;

/** Builds one predicate for a filter; `now` (ms since epoch) anchors "older than N days". */
export function compileFilter(filter: SessionFilter, now: number): Predicate {
  const checks: Predicate[] = [];
  const { status, platform, simulator, appVersion, language, olderThanDays } = filter;
  if (status && status !== 'all') checks.push((r) => r.status === status);
  if (platform) checks.push((r) => platformOf(r) === platform);
  if (simulator !== undefined) checks.push((r) => r.simulator === simulator);
  if (appVersion !== undefined && appVersion !== '') checks.push((r) => r.appVersion === appVersion);
  if (language !== undefined && language.trim() !== '') {
    const matches = languageMatcher(language);
    checks.push((r) => matches(r.language));
  }
  if (olderThanDays !== undefined && Number.isFinite(olderThanDays) && olderThanDays >= 0) {
    const cutoff = now - olderThanDays * DAY_MS;
    checks.push((r) => r.mtimeMs <= cutoff);
  }
  const terms = searchTerms(filter.search);
  if (terms.length > 0) {
    checks.push((r) => {
      const text = searchTextOf(r);
      for (const t of terms) if (!text.includes(t)) return false;
      return true;
    });
  }
  if (checks.length === 0) return () => true;
  return (r) => {
    for (const check of checks) if (!check(r)) return false;
    return true;
  };
}

export function matchesFilter(record: SessionRecord, filter: SessionFilter, now: number): boolean {
  return compileFilter(filter, now)(record);
}

/** The records that pass the filter, in their original order. */
export function filterRecords(records: readonly SessionRecord[], filter: SessionFilter, now: number): SessionRecord[] {
  const predicate = compileFilter(filter, now);
  return records.filter(predicate);
}

/** True when the filter keeps everything (nothing to show as "filtered"). */
export function isEmptyFilter(filter: SessionFilter): boolean {
  return countActive(filter) === 0;
}

/** How many filter fields are active, for a "3 filters" badge. */
export function countActive(filter: SessionFilter): number {
  let n = 0;
  if (filter.status && filter.status !== 'all') n++;
  if (filter.platform) n++;
  if (filter.simulator !== undefined) n++;
  if (filter.appVersion) n++;
  if (filter.language && filter.language.trim() !== '') n++;
  if (filter.olderThanDays !== undefined && Number.isFinite(filter.olderThanDays) && filter.olderThanDays >= 0) n++;
  if (searchTerms(filter.search).length > 0) n++;
  return n;
}

// --- sort ---------------------------------------------------------------------------

export type SortColumn = 'device' | 'os' | 'email' | 'language' | 'ip' | 'status' | 'changed';
export const SORT_COLUMNS: readonly SortColumn[] = ['device', 'os', 'email', 'language', 'ip', 'status', 'changed'];
export type SortDirection = 'asc' | 'desc';

// One collator for the whole app: locale-aware, "iPhone 9" before "iPhone 10", case-insensitive.
export const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Orders text with empty values last in either direction (an empty e-mail is not "smaller"). */
export function compareText(a: string, b: string, sign: number): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  return sign * collator.compare(a, b);
}

/** IPv4 addresses by their numeric value; anything else (IPv6, text) after them, by collation. */
export function ipKey(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  let key = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    key = key * 256 + octet;
  }
  return key;
}

function compareIp(a: string, b: string, sign: number): number {
  const ka = ipKey(a);
  const kb = ipKey(b);
  if (ka !== null && kb !== null) return sign * (ka - kb);
  if (ka !== null && b !== '') return -sign;
  if (kb !== null && a !== '') return sign;
  return compareText(a, b, sign);
}

export const STATUS_RANK: Record<string, number> = { pending: 0, accepted: 1 };

function compareStatus(a: SessionStatus | null, b: SessionStatus | null, sign: number): number {
  if (a === b) return 0;
  // A file with an invalid status sorts last in either direction.
  if (a === null) return 1;
  if (b === null) return -1;
  return sign * ((STATUS_RANK[a] ?? 2) - (STATUS_RANK[b] ?? 2));
}

/** The column part of `compareRecords` alone (sign: 1 ascending, -1 descending); 0 when the column ties. */
export function comparePrimary(a: SessionRecord, b: SessionRecord, column: SortColumn, sign: number): number {
  switch (column) {
    case 'device':
      return compareText(a.deviceDescription, b.deviceDescription, sign);
    case 'os':
      return compareText(a.os, b.os, sign) || compareText(a.osVersion, b.osVersion, sign);
    case 'email':
      return compareText(a.email, b.email, sign);
    case 'language':
      return compareText(a.language, b.language, sign);
    case 'ip':
      return compareIp(a.ip, b.ip, sign);
    case 'status':
      return compareStatus(a.status, b.status, sign);
    case 'changed':
      return sign * (a.mtimeMs - b.mtimeMs);
  }
}

/**
 * Total, deterministic order: the column first, then app folder and session id, so
 * equal rows never swap places between refreshes whatever order they arrived in.
 */
export function compareRecords(
  a: SessionRecord,
  b: SessionRecord,
  column: SortColumn,
  direction: SortDirection,
): number {
  const sign = direction === 'desc' ? -1 : 1;
  const byColumn = comparePrimary(a, b, column, sign);
  if (byColumn !== 0) return byColumn;
  if (a.app !== b.app) return a.app < b.app ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** A sorted copy (comparison sort; `sortOrder` in session-sort.ts gives the same order faster at scale). */
export function sortRecords(
  records: readonly SessionRecord[],
  column: SortColumn,
  direction: SortDirection,
): SessionRecord[] {
  return [...records].sort((a, b) => compareRecords(a, b, column, direction));
}

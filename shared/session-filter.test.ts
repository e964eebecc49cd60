import { describe, expect, it } from 'vitest';
import type { SessionRecord } from './types';
import { sessionRecord } from './session-record.fixture';
import {
  DAY_MS,
  compareRecords,
  compileFilter,
  countActive,
  filterRecords,
  isEmptyFilter,
  matchesFilter,
  platformOf,
  sortRecords,
  type SessionFilter,
} from './session-filter';

const NOW = Date.UTC(2025, 5, 1);

function rec(over: Partial<SessionRecord>): SessionRecord {
  return sessionRecord({ mtimeMs: NOW - DAY_MS, ...over });
}

describe('matchesFilter', () => {
  it('keeps everything with an empty filter or status "all"', () => {
    expect(matchesFilter(rec({}), {}, NOW)).toBe(true);
    expect(matchesFilter(rec({ status: null }), { status: 'all' }, NOW)).toBe(true);
    expect(isEmptyFilter({ status: 'all', search: '   ' })).toBe(true);
  });

  it('filters by status', () => {
    expect(matchesFilter(rec({ status: 'pending' }), { status: 'pending' }, NOW)).toBe(true);
    expect(matchesFilter(rec({ status: 'accepted' }), { status: 'pending' }, NOW)).toBe(false);
    expect(matchesFilter(rec({ status: null }), { status: 'accepted' }, NOW)).toBe(false);
  });

  it('filters by platform from device.os, case-insensitively; iOS does not include iPadOS', () => {
    expect(platformOf(rec({ os: 'ANDROID' }))).toBe('android');
    expect(matchesFilter(rec({ os: 'iOS' }), { platform: 'ios' }, NOW)).toBe(true);
    expect(matchesFilter(rec({ os: 'iPadOS' }), { platform: 'ios' }, NOW)).toBe(false);
    expect(matchesFilter(rec({ os: 'iPadOS' }), { platform: 'ipados' }, NOW)).toBe(true);
    expect(matchesFilter(rec({ os: 'Android' }), { platform: 'android' }, NOW)).toBe(true);
    expect(matchesFilter(rec({ os: '' }), { platform: 'android' }, NOW)).toBe(false);
  });

  it('filters by simulator, app version and language', () => {
    expect(matchesFilter(rec({ simulator: true }), { simulator: true }, NOW)).toBe(true);
    expect(matchesFilter(rec({ simulator: false }), { simulator: true }, NOW)).toBe(false);
    expect(matchesFilter(rec({ simulator: false }), { simulator: false }, NOW)).toBe(true);
    expect(matchesFilter(rec({ appVersion: '2.1' }), { appVersion: '2.1' }, NOW)).toBe(true);
    expect(matchesFilter(rec({ appVersion: '2.10' }), { appVersion: '2.1' }, NOW)).toBe(false);
    expect(matchesFilter(rec({ language: 'en_US' }), { language: 'en' }, NOW)).toBe(true);
    expect(matchesFilter(rec({ language: 'en-GB' }), { language: 'en' }, NOW)).toBe(true);
    expect(matchesFilter(rec({ language: 'eng' }), { language: 'en' }, NOW)).toBe(false);
    expect(matchesFilter(rec({ language: 'en_US' }), { language: 'en-us' }, NOW)).toBe(true);
    expect(matchesFilter(rec({ language: 'en_GB' }), { language: 'en_US' }, NOW)).toBe(false);
  });

  it('keeps files older than N days, boundary included', () => {
    const filter: SessionFilter = { olderThanDays: 30 };
    expect(matchesFilter(rec({ mtimeMs: NOW - 30 * DAY_MS }), filter, NOW)).toBe(true);
    expect(matchesFilter(rec({ mtimeMs: NOW - 30 * DAY_MS + 1 }), filter, NOW)).toBe(false);
    expect(matchesFilter(rec({ mtimeMs: NOW - 400 * DAY_MS }), filter, NOW)).toBe(true);
    expect(matchesFilter(rec({ mtimeMs: NOW }), { olderThanDays: 0 }, NOW)).toBe(true);
    expect(matchesFilter(rec({ mtimeMs: NOW }), { olderThanDays: Number.NaN }, NOW)).toBe(true);
  });

  it('searches every shown field, every word, case- and accent-insensitively', () => {
    const r = rec({ deviceDescription: 'Pixel 7 de José', email: 'Jose.Garcia@Example.com', ip: '192.168.1.20' });
    expect(matchesFilter(r, { search: 'jose' }, NOW)).toBe(true);
    expect(matchesFilter(r, { search: 'JOSÉ pixel' }, NOW)).toBe(true);
    expect(matchesFilter(r, { search: 'garcia 192.168' }, NOW)).toBe(true);
    expect(matchesFilter(r, { search: 'garcia iphone' }, NOW)).toBe(false);
    expect(matchesFilter(r, { search: 'aaaaaaaa' }, NOW)).toBe(true); // session id
    expect(matchesFilter(r, { search: 'com.example.app' }, NOW)).toBe(true); // app folder
    expect(matchesFilter(r, { search: '  ' }, NOW)).toBe(true);
  });

  it('does not match across field boundaries', () => {
    const r = rec({ deviceDescription: 'abc', email: 'def@x.io' });
    expect(matchesFilter(r, { search: 'cdef' }, NOW)).toBe(false);
  });

  it('combines every criterion with AND', () => {
    const records = [
      rec({ id: '1', status: 'pending', os: 'Android', email: 'a@x.io' }),
      rec({ id: '2', status: 'pending', os: 'iOS', email: 'a@x.io' }),
      rec({ id: '3', status: 'accepted', os: 'Android', email: 'a@x.io' }),
      rec({ id: '4', status: 'pending', os: 'Android', email: 'b@x.io' }),
    ];
    const out = filterRecords(records, { status: 'pending', platform: 'android', search: 'a@x' }, NOW);
    expect(out.map((r) => r.id)).toEqual(['1']);
    expect(countActive({ status: 'pending', platform: 'android', search: 'a@x' })).toBe(3);
  });

  it('compiles once and filters 100,000 rows', () => {
    const records = Array.from({ length: 100_000 }, (_, i) =>
      rec({
        id: i.toString(16).padStart(40, '0'),
        email: `user${i}@example.com`,
        status: i % 3 ? 'accepted' : 'pending',
      }),
    );
    const predicate = compileFilter({ status: 'pending', search: 'user99' }, NOW);
    const count = records.filter(predicate).length;
    const expected = records.filter((r) => r.status === 'pending' && r.email.includes('user99')).length;
    expect(count).toBe(expected);
    expect(count).toBeGreaterThan(0);
  });
});

describe('compareRecords', () => {
  const ids = (rs: SessionRecord[]) => rs.map((r) => r.id);

  it('sorts devices with numeric, case-insensitive, locale-aware collation', () => {
    const rs = [
      rec({ id: 'a', deviceDescription: 'iPhone 10' }),
      rec({ id: 'b', deviceDescription: 'iphone 9' }),
      rec({ id: 'c', deviceDescription: 'Émile’s iPad' }),
      rec({ id: 'd', deviceDescription: 'Zebra' }),
    ];
    expect(ids(sortRecords(rs, 'device', 'asc'))).toEqual(['c', 'b', 'a', 'd']);
    expect(ids(sortRecords(rs, 'device', 'desc'))).toEqual(['d', 'a', 'b', 'c']);
  });

  it('puts empty values last in both directions', () => {
    const rs = [rec({ id: 'a', email: '' }), rec({ id: 'b', email: 'b@x.io' }), rec({ id: 'c', email: 'a@x.io' })];
    expect(ids(sortRecords(rs, 'email', 'asc'))).toEqual(['c', 'b', 'a']);
    expect(ids(sortRecords(rs, 'email', 'desc'))).toEqual(['b', 'c', 'a']);
  });

  it('orders IPv4 addresses numerically, others after them', () => {
    const rs = [
      rec({ id: 'a', ip: '10.0.0.10' }),
      rec({ id: 'b', ip: '10.0.0.9' }),
      rec({ id: 'c', ip: '::1' }),
      rec({ id: 'd', ip: '9.255.255.255' }),
      rec({ id: 'e', ip: '' }),
    ];
    expect(ids(sortRecords(rs, 'ip', 'asc'))).toEqual(['d', 'b', 'a', 'c', 'e']);
    expect(ids(sortRecords(rs, 'ip', 'desc'))).toEqual(['c', 'a', 'b', 'd', 'e']);
  });

  it('sorts os by name then version numerically', () => {
    const rs = [
      rec({ id: 'a', os: 'iOS', osVersion: '17.10' }),
      rec({ id: 'b', os: 'iOS', osVersion: '17.9' }),
      rec({ id: 'c', os: 'Android', osVersion: '34 (Android 14)' }),
    ];
    expect(ids(sortRecords(rs, 'os', 'asc'))).toEqual(['c', 'b', 'a']);
  });

  it('sorts status pending first ascending, invalid status always last', () => {
    const rs = [
      rec({ id: 'a', status: 'accepted' }),
      rec({ id: 'b', status: null }),
      rec({ id: 'c', status: 'pending' }),
    ];
    expect(ids(sortRecords(rs, 'status', 'asc'))).toEqual(['c', 'a', 'b']);
    expect(ids(sortRecords(rs, 'status', 'desc'))).toEqual(['a', 'c', 'b']);
  });

  it('sorts by last change', () => {
    const rs = [rec({ id: 'a', mtimeMs: 3 }), rec({ id: 'b', mtimeMs: 1 }), rec({ id: 'c', mtimeMs: 2 })];
    expect(ids(sortRecords(rs, 'changed', 'asc'))).toEqual(['b', 'c', 'a']);
    expect(ids(sortRecords(rs, 'changed', 'desc'))).toEqual(['a', 'c', 'b']);
  });

  it('breaks ties by app and id, so the order does not depend on input order', () => {
    const rs = [
      rec({ app: 'B', id: '2', language: 'fr' }),
      rec({ app: 'A', id: '9', language: 'fr' }),
      rec({ app: 'B', id: '1', language: 'fr' }),
    ];
    const one = sortRecords(rs, 'language', 'desc').map((r) => `${r.app}/${r.id}`);
    const two = sortRecords([...rs].reverse(), 'language', 'desc').map((r) => `${r.app}/${r.id}`);
    expect(one).toEqual(['A/9', 'B/1', 'B/2']);
    expect(two).toEqual(one);
    expect(compareRecords(rs[0]!, rs[0]!, 'device', 'asc')).toBe(0);
  });
});

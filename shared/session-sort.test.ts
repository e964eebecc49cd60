// The fast sort (ranks + native numeric sort) must give exactly the order the comparator
// defined before it existed. `referenceCompare` below is a frozen copy of that comparator
// (shared/session-filter.ts as of issue 13): if compareRecords ever changes, this test
// still checks sortOrder against the order users have always seen.
import { describe, expect, it } from 'vitest';
import { compareRecords, searchTextOf, SORT_COLUMNS, type SortColumn, type SortDirection } from './session-filter';
import { ColumnIndex, runSteps, sortOrder } from './session-sort';
import { collationRanks, mergeSortSteps } from './collation-rank';
import type { SessionRecord, SessionStatus } from './types';

// --- frozen copy of the comparator ---------------------------------------------------
const refCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
function refText(a: string, b: string, sign: number): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  return sign * refCollator.compare(a, b);
}
function refIpKey(ip: string): number | null {
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
function refIp(a: string, b: string, sign: number): number {
  const ka = refIpKey(a);
  const kb = refIpKey(b);
  if (ka !== null && kb !== null) return sign * (ka - kb);
  if (ka !== null && b !== '') return -sign;
  if (kb !== null && a !== '') return sign;
  return refText(a, b, sign);
}
const REF_STATUS_RANK: Record<string, number> = { pending: 0, accepted: 1 };
function refStatus(a: SessionStatus | null, b: SessionStatus | null, sign: number): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return sign * ((REF_STATUS_RANK[a] ?? 2) - (REF_STATUS_RANK[b] ?? 2));
}
function refPrimary(a: SessionRecord, b: SessionRecord, column: SortColumn, sign: number): number {
  switch (column) {
    case 'device':
      return refText(a.deviceDescription, b.deviceDescription, sign);
    case 'os':
      return refText(a.os, b.os, sign) || refText(a.osVersion, b.osVersion, sign);
    case 'email':
      return refText(a.email, b.email, sign);
    case 'language':
      return refText(a.language, b.language, sign);
    case 'ip':
      return refIp(a.ip, b.ip, sign);
    case 'status':
      return refStatus(a.status, b.status, sign);
    case 'changed':
      return sign * (a.mtimeMs - b.mtimeMs);
  }
}
function referenceCompare(a: SessionRecord, b: SessionRecord, column: SortColumn, direction: SortDirection): number {
  const sign = direction === 'desc' ? -1 : 1;
  const byColumn = refPrimary(a, b, column, sign);
  if (byColumn !== 0) return byColumn;
  if (a.app !== b.app) return a.app < b.app ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}
// --------------------------------------------------------------------------------------

/** Seeded, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
}

// Pieces chosen to hit the hard cases: case, accents, ligatures, numbers in strings (leading
// zeros, long runs), punctuation, spaces, non-Latin scripts, empty and ignorable-only values.
const PIECES = [
  'a',
  'A',
  'á',
  'Á',
  'e',
  'é',
  'È',
  'z',
  'Z',
  'ø',
  'æ',
  'ß',
  'ss',
  'o',
  'Ö',
  'ç',
  'ñ',
  'n',
  'i',
  'İ',
  'ı',
  'Ж',
  'ж',
  '漢',
  '字',
  'ا',
  '0',
  '00',
  '007',
  '7',
  '9',
  '10',
  '12345678901234567890',
  '1.5',
  '-',
  '_',
  '.',
  '@',
  '#',
  ' ',
  '  ',
  "'",
  '’',
  '(',
  '~',
  'é',
  'ﬁ',
  'fi',
  '\u0001',
  'iPhone ',
  'iPad ',
  'Pro ',
  'user',
  '@corp.com',
  'ǆ',
  'Å',
  'aa',
  'ch',
  'ij',
  '½',
  '²',
  '٣',
  '🙂',
];

function randomText(random: () => number, pool: readonly string[]): string {
  if (random() < 0.12) return '';
  const parts = 1 + Math.floor(random() * 5);
  let out = '';
  for (let i = 0; i < parts; i++) out += PIECES[Math.floor(random() * PIECES.length)]!;
  // Reuse earlier values often, so ties (identical and collator-equal text) are common.
  if (pool.length > 0 && random() < 0.3) return pool[Math.floor(random() * pool.length)]!;
  return out;
}

const IPS = ['10.0.0.1', '010.0.0.1', '10.0.0.10', '9.255.255.255', '256.1.1.1', '1.2.3', '::1', 'fe80::1', 'host', ''];
const STATUSES: (SessionStatus | null)[] = ['pending', 'accepted', null];

function randomRecords(seed: number, n: number): SessionRecord[] {
  const random = rng(seed);
  const pool: string[] = [];
  const text = () => {
    const t = randomText(random, pool);
    pool.push(t);
    return t;
  };
  const out: SessionRecord[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      app: random() < 0.8 ? 'TEAM.com.example.app' : random() < 0.5 ? 'TEAM.com.example' : 'OTHER.app',
      id: random() < 0.1 ? `${Math.floor(random() * 1e6)}` : `${Math.floor(random() * 1e9).toString(16)}${i}`,
      status: STATUSES[Math.floor(random() * STATUSES.length)]!,
      email: text(),
      deviceDescription: text(),
      deviceId: `d${i}`,
      os: ['iOS', 'ios', 'iPadOS', 'Android', '', 'Ändroid'][Math.floor(random() * 6)]!,
      osVersion: text(),
      simulator: random() < 0.5,
      language: text(),
      ip:
        random() < 0.5
          ? `${Math.floor(random() * 256)}.${Math.floor(random() * 3)}.0.${Math.floor(random() * 256)}`
          : random() < 0.5
            ? IPS[Math.floor(random() * IPS.length)]!
            : text(),
      appVersion: '1.0',
      mtimeMs: random() < 0.3 ? 1_700_000_000_000 : Math.floor(random() * 1e12) * (random() < 0.05 ? -1 : 1),
      size: 100,
      warnings: [],
    });
  }
  return out;
}

describe('sortOrder', () => {
  for (const seed of [1, 2, 3]) {
    it(`gives exactly the reference comparator's order on random data (seed ${seed})`, () => {
      const records = randomRecords(seed, 2_000);
      for (const column of SORT_COLUMNS) {
        for (const direction of ['asc', 'desc'] as const) {
          const expected = [...records].sort((a, b) => referenceCompare(a, b, column, direction));
          const actual = Array.from(sortOrder(records, column, direction), (i) => records[i]!);
          expect(
            actual.map((r) => `${r.app}/${r.id}`),
            `${column} ${direction}`,
          ).toEqual(expected.map((r) => `${r.app}/${r.id}`));
        }
      }
    });
  }

  it('agrees with compareRecords as it is today', () => {
    const records = randomRecords(9, 500);
    for (const column of SORT_COLUMNS) {
      const order = sortOrder(records, column, 'asc');
      for (let i = 1; i < order.length; i++)
        expect(compareRecords(records[order[i - 1]!]!, records[order[i]!]!, column, 'asc')).toBeLessThanOrEqual(0);
    }
  });

  it('handles no rows and one row', () => {
    expect(Array.from(sortOrder([], 'email', 'asc'))).toEqual([]);
    expect(Array.from(sortOrder(randomRecords(4, 1), 'device', 'desc'))).toEqual([0]);
  });
});

describe('collationRanks', () => {
  it('gives equal ranks exactly to the strings the collator calls equal', () => {
    const values = ['a', 'A', 'á', 'b', 'item 9', 'Item 09', 'item 10', '', 'x'];
    const { rank } = collationRanks(values, refCollator);
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values.length; j++) {
        if (values[i] === '' || values[j] === '') continue;
        expect(Math.sign(rank[i]! - rank[j]!)).toBe(Math.sign(refCollator.compare(values[i]!, values[j]!)));
      }
    }
    expect(rank[values.indexOf('')]).toBe(-1);
  });

  it('stays exact when the byte keys are wrong (a collator with contractions)', () => {
    // Traditional Spanish sorts "ch" as one letter after "c"; the ASCII keys do not know that.
    const spanish = new Intl.Collator('es-u-co-trad', { numeric: true, sensitivity: 'base' });
    const values = ['cz', 'ch', 'cu', 'd', 'ca', 'chz'];
    const { rank } = collationRanks(values, spanish);
    const byRank = [...values].sort((a, b) => rank[values.indexOf(a)]! - rank[values.indexOf(b)]!);
    expect(byRank).toEqual([...values].sort(spanish.compare));
  });
});

describe('ColumnIndex (kept up to date on live changes)', () => {
  const ids = (rows: readonly SessionRecord[]) => rows.map((r) => `${r.app}/${r.id}`);

  function check(indexes: Map<SortColumn, ColumnIndex>, current: readonly SessionRecord[], when: string): void {
    for (const column of SORT_COLUMNS) {
      const index = indexes.get(column)!;
      const rebuilt = runSteps(ColumnIndex.build(current, column));
      for (const direction of ['asc', 'desc'] as const) {
        const expected = ids([...current].sort((a, b) => referenceCompare(a, b, column, direction)));
        const patched = index.rows(direction);
        expect(ids(patched.recs), `${column} ${direction} ${when}`).toEqual(expected);
        expect(patched.ids).toEqual(patched.recs.map((r) => r.id));
        expect(patched.hay).toEqual(patched.recs.map((r) => searchTextOf(r)));
        expect(ids(rebuilt.rows(direction).recs), `${column} ${direction} rebuilt ${when}`).toEqual(expected);
      }
    }
  }

  for (const seed of [5, 6]) {
    it(`equals the reference order after many random changes, one by one and in batches (seed ${seed})`, () => {
      const random = rng(seed * 101);
      let current = randomRecords(seed, 600);
      // Same (app, id) never twice, as in one folder.
      const seen = new Set<string>();
      current = current.filter((r) => !seen.has(`${r.app}/${r.id}`) && seen.add(`${r.app}/${r.id}`));
      const fresh = randomRecords(seed + 1_000, 4_000).map((r, i) => ({ ...r, id: `fresh${i}` }));
      let next = 0;
      const indexes = new Map(SORT_COLUMNS.map((c) => [c, runSteps(ColumnIndex.build(current, c))] as const));
      for (let round = 0; round < 40; round++) {
        const batch = round % 4 === 3 ? 20 + Math.floor(random() * 30) : 1 + Math.floor(random() * 3);
        const before: SessionRecord[] = [];
        const after: SessionRecord[] = [];
        const gone = new Set<SessionRecord>();
        for (let k = 0; k < batch; k++) {
          const kind = random();
          const pick = current[Math.floor(random() * current.length)]!;
          if (gone.has(pick)) continue;
          if (kind < 0.35) {
            after.push(fresh[next++]!); // added
          } else if (kind < 0.6) {
            before.push(pick); // removed
            gone.add(pick);
          } else {
            // changed: the same session with other values (often equal to a neighbour's, often empty)
            const other = fresh[next++]!;
            before.push(pick);
            gone.add(pick);
            after.push({ ...other, app: pick.app, id: pick.id });
          }
        }
        current = [...current.filter((r) => !gone.has(r)), ...after];
        for (const index of indexes.values()) index.apply(before, after);
        check(indexes, current, `after round ${round} (${before.length} out, ${after.length} in)`);
      }
    });
  }

  it('empties and refills', () => {
    const records = randomRecords(8, 30);
    const index = runSteps(ColumnIndex.build(records, 'os'));
    index.apply(records.slice(0, 10), []);
    index.apply(records.slice(10), []);
    expect(index.size).toBe(0);
    expect(index.rows('desc').recs).toEqual([]);
    for (const r of records) index.apply([], [r]);
    const expected = [...records].sort((a, b) => referenceCompare(a, b, 'os', 'desc'));
    expect(ids(index.rows('desc').recs)).toEqual(ids(expected));
  });
});

describe('mergeSortSteps', () => {
  it('sorts like Array#sort, whatever runs the input has', () => {
    const random = rng(21);
    for (const n of [0, 1, 2, 50, 5_000]) {
      const values = Array.from({ length: n }, () => Math.floor(random() * 100));
      // Mostly sorted with a few displaced stretches, like byte keys that got some strings wrong.
      const items = Int32Array.from(values.keys()).sort((a, b) => values[a]! - values[b]!);
      for (let k = 0; k < n / 10; k++) items[Math.floor(random() * n)] = Math.floor(random() * n);
      const sorted = runSteps(mergeSortSteps(items, (a, b) => values[a]! - values[b]!));
      expect(Array.from(sorted, (i) => values[i])).toEqual(Array.from(items, (i) => values[i]).sort((a, b) => a! - b!));
    }
  });
});

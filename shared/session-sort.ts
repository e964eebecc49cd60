// The order of `compareRecords` (session-filter.ts), computed without calling it n·log n
// times: every row gets an integer key (its column's rank, then its app/id rank) and the
// keys are sorted natively. Text columns rank each distinct value once (collation-rank.ts).
// The result is exactly `sortRecords`' order; session-sort.test.ts checks it against a
// copy of the comparator on random data. Pure: no Node, no DOM.

import { ByteKeyBuilder, MAX_BYTE_KEY_ITEMS, sortByByteKeys } from './byte-key-sort';
import { collationRanks } from './collation-rank';
import { collator, compareRecords, ipKey, STATUS_RANK, type SortColumn, type SortDirection } from './session-filter';
import type { SessionRecord } from './types';

/** Per row, its place along the column alone (ties allowed); ascending numbers = the comparator's order. */
type ColumnRanks = Float64Array;

/** compareText's order: collated, empty values last in either direction. */
function textRanks(values: readonly string[], desc: boolean): ColumnRanks {
  const { rank, count } = collationRanks(values, collator);
  for (let i = 0; i < rank.length; i++) {
    const r = rank[i]!;
    rank[i] = r === -1 ? count : desc ? count - 1 - r : r;
  }
  return rank;
}

function osRanks(records: readonly SessionRecord[], desc: boolean): ColumnRanks {
  const os = textRanks(
    records.map((r) => r.os),
    desc,
  );
  const version = textRanks(
    records.map((r) => r.osVersion),
    desc,
  );
  let span = 0;
  for (const v of version) span = Math.max(span, v + 1);
  return os.map((o, i) => o * span + version[i]!);
}

/** Index of the first element of `sorted` not below `x`: equal numbers get equal places. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Places of numbers among themselves (not dense, at most n - 1), reversed when descending; no hashing. */
function numberRanks(values: Float64Array, desc: boolean): Float64Array {
  const sorted = values.slice().sort();
  // Descending counts the values above instead, so equal values still share a place.
  return values.map((v) => (desc ? values.length - upperBound(sorted, v) : lowerBound(sorted, v)));
}

function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** compareIp's order: IPv4 by value, then other text collated (reversed as a whole when descending), empty last. */
function ipRanks(records: readonly SessionRecord[], desc: boolean): ColumnRanks {
  const v4 = records.map((r) => ipKey(r.ip));
  const v4Keys = Float64Array.from(v4.filter((k): k is number => k !== null));
  const v4Places = numberRanks(v4Keys, false);
  const text = collationRanks(
    records.map((r, i) => (v4[i] === null ? r.ip : '')),
    collator,
  );
  const top = v4Keys.length + text.count - 1; // the last non-empty place
  const out = new Float64Array(records.length);
  for (let i = 0, k = 0; i < records.length; i++) {
    const asc = v4[i] !== null ? v4Places[k++]! : records[i]!.ip === '' ? -1 : v4Keys.length + text.rank[i]!;
    out[i] = asc === -1 ? top + 1 : desc ? top - asc : asc;
  }
  return out;
}

/** compareStatus' order: pending, accepted, anything else; an invalid (null) status last either way. */
function statusRanks(records: readonly SessionRecord[], desc: boolean): ColumnRanks {
  return Float64Array.from(records, (r) => {
    if (r.status === null) return 3;
    const asc = STATUS_RANK[r.status] ?? 2;
    return desc ? 2 - asc : asc;
  });
}

function changedRanks(records: readonly SessionRecord[], desc: boolean): ColumnRanks {
  // Places, not the times themselves: the row key multiplies them by the row count.
  return numberRanks(
    Float64Array.from(records, (r) => r.mtimeMs),
    desc,
  );
}

function columnRanks(records: readonly SessionRecord[], column: SortColumn, desc: boolean): ColumnRanks {
  switch (column) {
    case 'device':
      return textRanks(
        records.map((r) => r.deviceDescription),
        desc,
      );
    case 'os':
      return osRanks(records, desc);
    case 'email':
      return textRanks(
        records.map((r) => r.email),
        desc,
      );
    case 'language':
      return textRanks(
        records.map((r) => r.language),
        desc,
      );
    case 'ip':
      return ipRanks(records, desc);
    case 'status':
      return statusRanks(records, desc);
    case 'changed':
      return changedRanks(records, desc);
  }
}

/** Code-unit keys (what `<` compares) of app + id, or null when a character does not fit a byte. */
function tieKeys(records: readonly SessionRecord[]): ReturnType<ByteKeyBuilder['build']> | null {
  const oneApp = records.every((r) => r.app === records[0]!.app);
  const keys = new ByteKeyBuilder(records.length, records.length * 34);
  for (const r of records) {
    const text = oneApp ? r.id : `${r.app}\u0000${r.id}`;
    keys.reserve(text.length);
    const { bytes } = keys;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 254) return null;
      bytes[keys.length + i] = code + 1; // bytes are ≥ 1; "\u0000" (the separator) sorts before any character
    }
    keys.length += text.length;
    keys.end();
  }
  return keys.build();
}

/** Per row, its rank by (app, id): the comparator's tie-break, the same for every column (callers may keep it). */
export function tieRanks(records: readonly SessionRecord[]): Int32Array {
  const order = new Int32Array(records.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const keys = records.length <= MAX_BYTE_KEY_ITEMS ? tieKeys(records) : null;
  if (keys) sortByByteKeys(keys, order);
  else {
    const byTie = (a: SessionRecord, b: SessionRecord) =>
      a.app !== b.app ? (a.app < b.app ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    order.sort((a, b) => byTie(records[a]!, records[b]!));
  }
  const rank = new Int32Array(records.length);
  order.forEach((row, i) => (rank[row] = i));
  return rank;
}

/**
 * The row indexes of `records` in `compareRecords(column, direction)` order. Rows with the
 * same app and id (never the case in one folder) keep no particular order among themselves.
 */
export function sortOrder(
  records: readonly SessionRecord[],
  column: SortColumn,
  direction: SortDirection,
  tie: Int32Array = tieRanks(records),
): Int32Array {
  const n = records.length;
  const primary = columnRanks(records, column, direction === 'desc');
  let top = 0;
  for (const p of primary) top = Math.max(top, p);
  if ((top + 1) * n >= Number.MAX_SAFE_INTEGER) {
    const order = Int32Array.from(records.keys());
    return order.sort((a, b) => compareRecords(records[a]!, records[b]!, column, direction));
  }
  // key = column rank, then tie rank: one native numeric sort; the tie rank names the row.
  const rowOfTie = new Int32Array(n);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = primary[i]! * n + tie[i]!;
    rowOfTie[tie[i]!] = i;
  }
  keys.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = rowOfTie[keys[i]! % n]!;
  return order;
}

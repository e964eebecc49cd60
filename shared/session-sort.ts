// The order of `compareRecords` (session-filter.ts), computed without calling it n·log n
// times, and kept up to date without computing it again:
// - `ascendingOrder` gives every row an integer key (its column's rank, then its app/id
//   rank) and sorts the keys natively. Text columns rank each distinct value once
//   (collation-rank.ts). Beside the order it records, per row, whether its column value
//   differs from the row before it (`level`): the groups of equal values.
// - the descending order is read from the ascending one (`descendingPositions`): the
//   comparator's tie-break (app, id) is ascending in both directions, and empty values
//   (or an invalid status) stay last, so descending = the groups of equal values in
//   reverse, each group in its own (ascending) order, the "last" group still last.
// - `ColumnIndex` holds one column's ascending order and is patched on live changes by
//   binary search with the comparator (O(log n) comparisons per changed record), so a
//   click on a column header only copies (or reverses by groups) an order that exists.
// Every step of the build can pause (`…Steps` generators), so the renderer builds the
// indexes in idle-time slices. session-sort.test.ts checks the orders against a frozen
// copy of the comparator on random data. Pure: no Node, no DOM.

import {
  ByteKeyBuilder,
  MAX_BYTE_KEY_ITEMS,
  runSteps,
  sortByByteKeysSteps,
  STEP_ITEMS,
  type Steps,
} from './byte-key-sort';
import { collationRanksSteps } from './collation-rank';
import {
  collator,
  comparePrimary,
  compareRecords,
  compareText,
  ipKey,
  searchTextOf,
  STATUS_RANK,
  type SortColumn,
  type SortDirection,
} from './session-filter';
import type { SessionRecord } from './types';

export { runSteps, STEP_ITEMS, type Steps } from './byte-key-sort';

// --- ascending ranks per column --------------------------------------------------------

/** compareText's ascending order: collated, empty values last. */
function* textRanks(values: readonly string[]): Steps<Float64Array> {
  yield; // after the caller's pass over every row
  const { rank, count } = yield* collationRanksSteps(values, collator);
  for (let i = 0; i < rank.length; i++) if (rank[i] === -1) rank[i] = count;
  return rank;
}

/** Index of the first element of `sorted` not below `x`: equal numbers get equal places. */
function lowerBoundNumber(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Places of numbers among themselves (not dense, at most n - 1); no hashing. */
function* numberRanks(values: Float64Array): Steps<Float64Array> {
  const sorted = values.slice().sort();
  yield;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = lowerBoundNumber(sorted, values[i]!);
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  return out;
}

/** compareIp's ascending order: IPv4 by value, then other text collated, empty last. */
function* ipRanks(records: readonly SessionRecord[]): Steps<Float64Array> {
  const v4 = new Array<number | null>(records.length);
  const text = new Array<string>(records.length);
  let v4Count = 0;
  for (let i = 0; i < records.length; i++) {
    const key = ipKey(records[i]!.ip);
    v4[i] = key;
    text[i] = key === null ? records[i]!.ip : '';
    if (key !== null) v4Count += 1;
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  const v4Keys = new Float64Array(v4Count);
  for (let i = 0, k = 0; i < records.length; i++) if (v4[i] !== null) v4Keys[k++] = v4[i]!;
  const v4Places = yield* numberRanks(v4Keys);
  const textPlaces = yield* collationRanksSteps(text, collator);
  const out = new Float64Array(records.length);
  for (let i = 0, k = 0; i < records.length; i++) {
    if (v4[i] !== null) out[i] = v4Places[k++]!;
    else if (records[i]!.ip === '') out[i] = v4Count + textPlaces.count;
    else out[i] = v4Count + textPlaces.rank[i]!;
  }
  return out;
}

/** compareStatus' ascending order: pending, accepted, anything else; an invalid (null) status last. */
function statusRanks(records: readonly SessionRecord[]): Float64Array {
  const out = new Float64Array(records.length);
  for (let i = 0; i < out.length; i++) {
    const { status } = records[i]!;
    out[i] = status === null ? 3 : (STATUS_RANK[status] ?? 2);
  }
  return out;
}

/** A plain loop: `Float64Array.from(records, fn)` takes several times longer at 100k rows. */
function mtimes(records: readonly SessionRecord[]): Float64Array {
  const out = new Float64Array(records.length);
  for (let i = 0; i < out.length; i++) out[i] = records[i]!.mtimeMs;
  return out;
}

/** Per row, its place along the column (major, then minor for os versions); ascending numbers = ascending order. */
interface ColumnRanks {
  major: Float64Array;
  minor: Float64Array | null;
}

function* columnRanks(records: readonly SessionRecord[], column: SortColumn): Steps<ColumnRanks> {
  switch (column) {
    case 'device':
      return { major: yield* textRanks(records.map((r) => r.deviceDescription)), minor: null };
    case 'os':
      return {
        major: yield* textRanks(records.map((r) => r.os)),
        minor: yield* textRanks(records.map((r) => r.osVersion)),
      };
    case 'email':
      return { major: yield* textRanks(records.map((r) => r.email)), minor: null };
    case 'language':
      return { major: yield* textRanks(records.map((r) => r.language)), minor: null };
    case 'ip':
      return { major: yield* ipRanks(records), minor: null };
    case 'status':
      return { major: statusRanks(records), minor: null };
    case 'changed':
      return { major: yield* numberRanks(mtimes(records)), minor: null };
  }
}

// --- the app/id tie-break ----------------------------------------------------------------

/** Code-unit keys (what `<` compares) of app + id, or null when a character does not fit a byte. */
function* tieKeys(records: readonly SessionRecord[]): Steps<ReturnType<ByteKeyBuilder['build']> | null> {
  const oneApp = records.every((r) => r.app === records[0]!.app);
  const keys = new ByteKeyBuilder(records.length, records.length * 34);
  for (let k = 0; k < records.length; k++) {
    const r = records[k]!;
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
    if (k % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  return keys.build();
}

/** Per row, its rank by (app, id): the comparator's tie-break, the same for every column (callers may keep it). */
export function tieRanks(records: readonly SessionRecord[]): Int32Array {
  return runSteps(tieRanksSteps(records));
}

/** `tieRanks`, pausing every few thousand rows. */
export function* tieRanksSteps(records: readonly SessionRecord[]): Steps<Int32Array> {
  const order = new Int32Array(records.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const keys = records.length <= MAX_BYTE_KEY_ITEMS ? yield* tieKeys(records) : null;
  if (keys) yield* sortByByteKeysSteps(keys, order);
  else {
    const byTie = (a: SessionRecord, b: SessionRecord) =>
      a.app !== b.app ? (a.app < b.app ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    order.sort((a, b) => byTie(records[a]!, records[b]!));
  }
  const rank = new Int32Array(records.length);
  for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
  return rank;
}

// --- groups of equal values, and the descending order ---------------------------------------

/**
 * How far two rows' column values differ: 0 equal (the comparator goes on to app and id),
 * 1 different; for "os", 2 when the OS differs, 1 when only the version does.
 */
export function primaryLevel(a: SessionRecord, b: SessionRecord, column: SortColumn): number {
  if (column === 'os')
    return compareText(a.os, b.os, 1) !== 0 ? 2 : compareText(a.osVersion, b.osVersion, 1) !== 0 ? 1 : 0;
  return comparePrimary(a, b, column, 1) !== 0 ? 1 : 0;
}

/** The highest level `primaryLevel` gives for a column. */
export function topLevel(column: SortColumn): number {
  return column === 'os' ? 2 : 1;
}

/** True when the row belongs to the group the comparator puts last in either direction (at that level). */
export function sortsLastAt(r: SessionRecord, column: SortColumn, level: number): boolean {
  switch (column) {
    case 'device':
      return r.deviceDescription === '';
    case 'os':
      return level === 2 ? r.os === '' : r.osVersion === '';
    case 'email':
      return r.email === '';
    case 'language':
      return r.language === '';
    case 'ip':
      return r.ip === '';
    case 'status':
      return r.status === null;
    case 'changed':
      return false;
  }
}

/**
 * Positions of an ascending order, rearranged into the descending one. `level[k]` says
 * how position k differs from k - 1 (`primaryLevel`); `last(k, lvl)` whether position k
 * is in the group that stays last at that level.
 */
export function descendingPositions(
  n: number,
  level: Uint8Array,
  top: number,
  last: (position: number, lvl: number) => boolean,
): Int32Array {
  const out = new Int32Array(n);
  let at = 0;
  // [from, to) holds rows equal above `lvl`: its groups at `lvl` in reverse, the "last" one still last.
  const emit = (from: number, to: number, lvl: number): void => {
    if (lvl === 0) {
      for (let k = from; k < to; k++) out[at++] = k;
      return;
    }
    let end = to;
    let lastFrom = -1;
    let lastTo = -1;
    while (end > from) {
      let start = end - 1;
      while (start > from && level[start]! < lvl) start--;
      if (end === to && last(start, lvl)) {
        lastFrom = start;
        lastTo = end;
      } else emit(start, end, lvl - 1);
      end = start;
    }
    if (lastFrom >= 0) emit(lastFrom, lastTo, lvl - 1);
  };
  if (n > 0) emit(0, n, top);
  return out;
}

/** Rows of a column in ascending comparator order, with the group levels between neighbours. */
export interface AscendingOrder {
  /** Row indexes, ascending. */
  order: Int32Array;
  /** level[k]: `primaryLevel` of rows order[k - 1] and order[k] (level[0] = 0). */
  level: Uint8Array;
}

/** The ascending order of `records` by `column` (resumable). */
export function* ascendingSteps(
  records: readonly SessionRecord[],
  column: SortColumn,
  tie?: Int32Array,
): Steps<AscendingOrder> {
  const n = records.length;
  const ties = tie ?? (yield* tieRanksSteps(records));
  const { major, minor } = yield* columnRanks(records, column);
  let span = 1;
  if (minor) for (const v of minor) span = Math.max(span, v + 1);
  let top = 0;
  for (const m of major) top = Math.max(top, m);
  const level = new Uint8Array(n);
  if ((top + 1) * span * n >= Number.MAX_SAFE_INTEGER) {
    const order = Int32Array.from(records.keys());
    order.sort((a, b) => compareRecords(records[a]!, records[b]!, column, 'asc'));
    for (let k = 1; k < n; k++) level[k] = primaryLevel(records[order[k - 1]!]!, records[order[k]!]!, column);
    return { order, level };
  }
  // key = column rank, then tie rank: one native numeric sort; the tie rank names the row.
  const rowOfTie = new Int32Array(n);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = (major[i]! * span + (minor ? minor[i]! : 0)) * n + ties[i]!;
    rowOfTie[ties[i]!] = i;
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  keys.sort();
  yield;
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const row = rowOfTie[keys[k]! % n]!;
    order[k] = row;
    if (k === 0) continue;
    const prev = order[k - 1]!;
    level[k] = major[prev] !== major[row] ? topLevel(column) : minor && minor[prev] !== minor[row] ? 1 : 0;
    if (k % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  return { order, level };
}

/**
 * The row indexes of `records` in `compareRecords(column, direction)` order. Rows with the
 * same app and id (never the case in one folder) keep no particular order among themselves.
 */
export function sortOrder(
  records: readonly SessionRecord[],
  column: SortColumn,
  direction: SortDirection,
  tie?: Int32Array,
): Int32Array {
  const { order, level } = runSteps(ascendingSteps(records, column, tie));
  if (direction === 'asc') return order;
  const positions = descendingPositions(order.length, level, topLevel(column), (k, lvl) =>
    sortsLastAt(records[order[k]!]!, column, lvl),
  );
  return positions.map((k) => order[k]!);
}

// --- an index kept up to date ----------------------------------------------------------------

/** Sorted rows as parallel arrays: `hay[i]` is searchTextOf(recs[i]). */
export interface OrderedRows {
  ids: string[];
  recs: SessionRecord[];
  hay: string[];
}

/** One record with what a view needs of it; the same object sits in every column's index. */
export interface IndexedRow {
  readonly id: string;
  readonly rec: SessionRecord;
  readonly hay: string;
}

export function indexedRow(rec: SessionRecord): IndexedRow {
  return { id: rec.id, rec, hay: searchTextOf(rec) };
}

/**
 * One column's rows in ascending comparator order, with their group levels, patched in
 * place on live changes. `rows(direction)` hands out fresh arrays, so lists given out
 * never change under their users.
 */
export class ColumnIndex {
  /** Changes of at most this many records are spliced in one by one; larger ones are merged in one pass. */
  static spliceLimit = 8;

  readonly column: SortColumn;
  private order: IndexedRow[];
  private level: Uint8Array;
  private readonly compare: (a: SessionRecord, b: SessionRecord) => number;

  private constructor(column: SortColumn, order: IndexedRow[], level: Uint8Array) {
    this.column = column;
    this.order = order;
    this.level = level;
    this.compare = (a, b) => compareRecords(a, b, column, 'asc');
  }

  /**
   * Builds the index of `records` (resumable: the renderer runs it in idle time). `rows[i]`,
   * when given, is records[i]'s row, so that several columns share one object per record.
   */
  static *build(
    records: readonly SessionRecord[],
    column: SortColumn,
    tie?: Int32Array,
    rows?: readonly IndexedRow[],
  ): Steps<ColumnIndex> {
    const { order, level } = yield* ascendingSteps(records, column, tie);
    const n = order.length;
    const out = new Array<IndexedRow>(n);
    for (let k = 0; k < n; k++) {
      const row = order[k]!;
      out[k] = rows ? rows[row]! : indexedRow(records[row]!);
      if (k % STEP_ITEMS === STEP_ITEMS - 1) yield;
    }
    return new ColumnIndex(column, out, level);
  }

  get size(): number {
    return this.order.length;
  }

  /** The rows in the given direction (fresh arrays). */
  rows(direction: SortDirection): OrderedRows {
    const { order, column } = this;
    const n = order.length;
    const out: OrderedRows = {
      ids: new Array<string>(n),
      recs: new Array<SessionRecord>(n),
      hay: new Array<string>(n),
    };
    if (direction === 'asc') {
      for (let i = 0; i < n; i++) {
        const row = order[i]!;
        out.ids[i] = row.id;
        out.recs[i] = row.rec;
        out.hay[i] = row.hay;
      }
      return out;
    }
    const positions = descendingPositions(n, this.level, topLevel(column), (k, lvl) =>
      sortsLastAt(order[k]!.rec, column, lvl),
    );
    for (let i = 0; i < n; i++) {
      const row = order[positions[i]!]!;
      out.ids[i] = row.id;
      out.recs[i] = row.rec;
      out.hay[i] = row.hay;
    }
    return out;
  }

  /** First position whose record is not before `r`. */
  private lowerBound(r: SessionRecord): number {
    const { order, compare } = this;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(order[mid]!.rec, r) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Position of this very record object, or -1. */
  private find(r: SessionRecord): number {
    const at = this.lowerBound(r);
    return at < this.order.length && this.order[at]!.rec === r ? at : -1;
  }

  /** Replaces the records `before` (objects held now) with `after` (objects to hold). */
  apply(before: readonly SessionRecord[], after: readonly SessionRecord[]): void {
    if (before.length + after.length <= ColumnIndex.spliceLimit) {
      for (const r of before) this.removeOne(r);
      for (const r of after) this.insertOne(r);
    } else this.merge(before, after);
  }

  private removeOne(r: SessionRecord): void {
    const at = this.find(r);
    if (at < 0) return;
    const n = this.order.length;
    const { level } = this;
    // The rows around it now meet: they differ as much as either step did.
    const joined = at + 1 < n ? Math.max(level[at]!, level[at + 1]!) : 0;
    this.order.splice(at, 1);
    level.copyWithin(at, at + 1, n);
    if (at < n - 1) level[at] = at === 0 ? 0 : joined;
  }

  private insertOne(r: SessionRecord): void {
    const at = this.lowerBound(r);
    const n = this.order.length;
    if (n + 1 > this.level.length) this.growLevels(n + 1);
    const { level, order, column } = this;
    level.copyWithin(at + 1, at, n);
    order.splice(at, 0, indexedRow(r));
    level[at] = at > 0 ? primaryLevel(order[at - 1]!.rec, r, column) : 0;
    if (at + 1 <= n) level[at + 1] = primaryLevel(r, order[at + 1]!.rec, column);
  }

  private growLevels(min: number): void {
    const grown = new Uint8Array(Math.max(min, Math.ceil(this.level.length * 1.25) + 16));
    grown.set(this.level.subarray(0, this.order.length));
    this.level = grown;
  }

  /** Many records at once: one pass over the index instead of one splice each. */
  private merge(before: readonly SessionRecord[], after: readonly SessionRecord[]): void {
    const { order, level, column, compare } = this;
    const n = order.length;
    const drop = new Uint8Array(n);
    let dropped = 0;
    for (const r of before) {
      const at = this.find(r);
      if (at >= 0 && drop[at] === 0) {
        drop[at] = 1;
        dropped += 1;
      }
    }
    const add = [...after].sort(compare);
    const places = add.map((r) => this.lowerBound(r));
    const m = n - dropped + add.length;
    const out = new Array<IndexedRow>(m);
    const outLevel = new Uint8Array(Math.max(m, level.length));
    let j = 0;
    let k = 0;
    let prev: SessionRecord | null = null;
    let prevAdded = false;
    let carry = 0; // the highest level met among dropped rows since the last row written
    for (let i = 0; i <= n; i++) {
      while (k < add.length && places[k] === i) {
        const r = add[k++]!;
        out[j] = indexedRow(r);
        outLevel[j++] = prev ? primaryLevel(prev, r, column) : 0;
        prev = r;
        prevAdded = true;
        carry = 0;
      }
      if (i === n) break;
      if (drop[i] === 1) {
        carry = Math.max(carry, level[i]!);
        continue;
      }
      const row = order[i]!;
      out[j] = row;
      outLevel[j++] = !prev ? 0 : prevAdded ? primaryLevel(prev, row.rec, column) : Math.max(carry, level[i]!);
      prev = row.rec;
      prevAdded = false;
      carry = 0;
    }
    this.order = out;
    this.level = outLevel;
  }
}

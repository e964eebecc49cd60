// Sorting many items by byte-string keys without comparing strings: a most-significant-
// digit radix refinement where each level packs the next 3 key bytes and the item number
// into one float and lets the typed-array sort (native, no JS comparator) order them.
// Runs of items whose 3 bytes tie are refined by the next level, so the work follows the
// keys' distinguishing prefixes, not n·log n string comparisons. Pure: no Node, no DOM.

/** Keys of items 0..n-1: item i's bytes are bytes[start[i]] .. bytes[start[i + 1] - 1], each ≥ 1. */
export interface ByteKeys {
  bytes: Uint8Array;
  start: Int32Array;
}

const UNITS = 3; // bytes per level: 24 bits of key + 24 bits of item number stay exact in a float
const ITEM_SPAN = 2 ** 24;
/** Items beyond this do not fit beside the key bytes in one float. */
export const MAX_BYTE_KEY_ITEMS = ITEM_SPAN;
const SMALL_RUN = 12;

function keyLength(keys: ByteKeys, item: number): number {
  return keys.start[item + 1]! - keys.start[item]!;
}

function prefixAt(keys: ByteKeys, item: number, depth: number): number {
  const from = keys.start[item]! + depth;
  const end = keys.start[item + 1]!;
  let prefix = 0;
  for (let u = 0; u < UNITS; u++) prefix = prefix * 256 + (from + u < end ? keys.bytes[from + u]! : 0);
  return prefix;
}

/** Byte-wise comparison from `depth`; a key that ends first is smaller (bytes are ≥ 1). */
export function compareByteKeys(keys: ByteKeys, a: number, b: number, depth = 0): number {
  const { bytes, start } = keys;
  let i = start[a]! + depth;
  let j = start[b]! + depth;
  const ea = start[a + 1]!;
  const eb = start[b + 1]!;
  for (; i < ea && j < eb; i++, j++) if (bytes[i] !== bytes[j]) return bytes[i]! - bytes[j]!;
  return ea - i - (eb - j);
}

function insertionSort(keys: ByteKeys, items: Int32Array, lo: number, hi: number, depth: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= lo && compareByteKeys(keys, items[j]!, item, depth) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
}

/** Work that can pause: `yield` marks a place where a caller may stop and resume later. */
export type Steps<T> = Generator<void, T, void>;

/** Runs resumable work to its end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Items of work between two pauses of the resumable variants (a few milliseconds). */
export const STEP_ITEMS = 4_096;

/** Sorts `items` (distinct item numbers below MAX_BYTE_KEY_ITEMS) in place by their keys; ties keep no particular order. */
export function sortByByteKeys(keys: ByteKeys, items: Int32Array): void {
  runSteps(sortByByteKeysSteps(keys, items));
}

/** `sortByByteKeys`, pausing every few thousand items of work (the first pass is one native sort of all items). */
export function* sortByByteKeysSteps(keys: ByteKeys, items: Int32Array): Steps<void> {
  if (items.length > ITEM_SPAN) throw new RangeError('too many items for sortByByteKeys');
  // An explicit stack: long shared prefixes would otherwise recurse deeply.
  const stack: number[] = [0, items.length, 0];
  let work = 0;
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    work += hi - lo;
    if (work >= STEP_ITEMS) {
      work = 0;
      yield;
    }
    if (hi - lo <= SMALL_RUN) {
      insertionSort(keys, items, lo, hi, depth);
      continue;
    }
    const packed = new Float64Array(hi - lo);
    for (let k = 0; k < packed.length; k++) {
      packed[k] = prefixAt(keys, items[lo + k]!, depth) * ITEM_SPAN + items[lo + k]!;
      if (k % STEP_ITEMS === STEP_ITEMS - 1) yield;
    }
    packed.sort();
    if (packed.length > STEP_ITEMS) yield;
    let runStart = lo;
    let runPrefix = -1;
    let runLongest = 0;
    for (let k = 0; k <= packed.length; k++) {
      const item = k < packed.length ? packed[k]! % ITEM_SPAN : -1;
      const prefix = k < packed.length ? (packed[k]! - item) / ITEM_SPAN : -2;
      if (prefix !== runPrefix) {
        // Refine a run only while some of its keys go on past this level.
        if (lo + k - runStart > 1 && runLongest > depth + UNITS) stack.push(runStart, lo + k, depth + UNITS);
        runStart = lo + k;
        runPrefix = prefix;
        runLongest = 0;
      }
      if (item >= 0) {
        items[lo + k] = item;
        runLongest = Math.max(runLongest, keyLength(keys, item));
      }
      if (k % STEP_ITEMS === STEP_ITEMS - 1) yield;
    }
  }
}

/**
 * Builds ByteKeys one key at a time. Callers `reserve` room for a key, then write its
 * bytes straight into `bytes` at `length` (a tight loop, no call per byte), then `end()`.
 */
export class ByteKeyBuilder {
  bytes: Uint8Array;
  length = 0;
  private readonly start: Int32Array;
  private count = 0;

  constructor(items: number, bytesHint: number) {
    this.bytes = new Uint8Array(Math.max(16, bytesHint));
    this.start = new Int32Array(items + 1);
  }

  /** Makes room for `extra` more bytes. */
  reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Closes the current key. */
  end(): void {
    this.count += 1;
    this.start[this.count] = this.length;
  }

  build(): ByteKeys {
    return { bytes: this.bytes, start: this.start };
  }
}

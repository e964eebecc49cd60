// After the user changes a row, the table keeps the order it showed (a changed row does
// not jump to the top under Last changed) until the user re-sorts or changes the view.
import { afterEach, describe, expect, it } from 'vitest';
import { applyDelta, emptyAppSessions } from './session-index';
import { forgetSortedView, type SortSpec } from './session-view';
import { forgetVisible, holdRowOrder, mergeHeld, visibleWithFilters } from './visible';
import { makeRecord, manySessions } from '../test/fake-client';

const APP = 'TEAM.com.example.app';
const NEWEST_FIRST: SortSpec = { key: 'mtime', dir: 'desc' };
const NO_FILTERS = {};

function sessions() {
  const recs = ['a', 'b', 'c', 'd'].map((id, i) => makeRecord(APP, id, { mtimeMs: 1000 - i * 10, status: 'pending' }));
  return applyDelta(emptyAppSessions(APP), { upserted: recs, removed: [] });
}

afterEach(() => {
  forgetVisible();
  forgetSortedView();
});

describe('held row order', () => {
  it('keeps a changed row in place until the sort changes', () => {
    let s = sessions();
    expect(visibleWithFilters(s, NEWEST_FIRST, '', 'all', NO_FILTERS)).toEqual(['a', 'b', 'c', 'd']);
    holdRowOrder();
    s = applyDelta(s, { upserted: [{ ...s.records.get('c')!, status: 'accepted', mtimeMs: 2000 }], removed: [] });
    expect(visibleWithFilters(s, NEWEST_FIRST, '', 'all', NO_FILTERS)).toEqual(['a', 'b', 'c', 'd']);
    // Re-sorting releases the hold.
    expect(visibleWithFilters(s, { key: 'mtime', dir: 'asc' }, '', 'all', NO_FILTERS)).toEqual(['d', 'b', 'a', 'c']);
    expect(visibleWithFilters(s, NEWEST_FIRST, '', 'all', NO_FILTERS)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('without a hold, a live change re-sorts as before', () => {
    let s = sessions();
    visibleWithFilters(s, NEWEST_FIRST, '', 'all', NO_FILTERS);
    s = applyDelta(s, { upserted: [{ ...s.records.get('c')!, mtimeMs: 2000 }], removed: [] });
    expect(visibleWithFilters(s, NEWEST_FIRST, '', 'all', NO_FILTERS)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('merges: gone rows leave, new rows take their sorted place', () => {
    expect(mergeHeld(['a', 'b', 'c'], ['x', 'c', 'a'])).toEqual(['a', 'x', 'c']);
    expect(mergeHeld(['a', 'b'], ['b', 'a', 'y'])).toEqual(['a', 'b', 'y']);
    expect(mergeHeld([], ['p'])).toEqual(['p']);
  });
});

/** mergeHeld as it was first written (two sets and a map per call): the reference answer. */
function referenceMerge(heldIds: readonly string[], sorted: readonly string[]): string[] {
  const wasShown = new Set(heldIds);
  const present = new Set(sorted);
  const newBefore = new Map<string, string[]>();
  let pending: string[] = [];
  for (const id of sorted) {
    if (!wasShown.has(id)) pending.push(id);
    else if (pending.length > 0) {
      newBefore.set(id, pending);
      pending = [];
    }
  }
  const out: string[] = [];
  for (const id of heldIds) {
    if (!present.has(id)) continue;
    const fresh = newBefore.get(id);
    if (fresh) out.push(...fresh);
    out.push(id);
  }
  out.push(...pending);
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
}

describe('held row order at scale (a bulk action on thousands of rows)', () => {
  it('merges big lists exactly as the reference does', () => {
    const random = rng(5);
    const held = Array.from({ length: 20_000 }, (_, i) => `s${i}`);
    for (let round = 0; round < 20; round++) {
      // The sorted answer: some held rows gone, some new, in an order of its own.
      const sorted = held.filter(() => random() > 0.05);
      for (let k = 0; k < 300; k++) sorted.splice(Math.floor(random() * sorted.length), 0, `n${round}-${k}`);
      for (let k = 0; k < 500; k++) {
        const i = Math.floor(random() * sorted.length);
        const j = Math.floor(random() * sorted.length);
        [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
      }
      expect(mergeHeld(held, sorted)).toEqual(referenceMerge(held, sorted));
    }
  });

  it('gives back the very same list when no row came or went (the table does not render again)', () => {
    const held = Array.from({ length: 5_000 }, (_, i) => `s${i}`);
    expect(mergeHeld(held, [...held].reverse())).toBe(held);
    expect(mergeHeld(held, held.slice(1))).not.toBe(held);
  });

  it('keeps one list object through the many changes of a bulk Accept, and the order shown', () => {
    const random = rng(9);
    let s = applyDelta(emptyAppSessions(APP), {
      upserted: manySessions(APP, 20_000).map((r, i) => ({
        ...r,
        email: random() < 0.07 ? `marta.${i}@corp.com` : r.email,
        mtimeMs: 1_000_000 + Math.floor(random() * 1e9),
      })),
      removed: [],
    });
    const shown = visibleWithFilters(s, NEWEST_FIRST, 'marta', 'all', NO_FILTERS);
    expect(shown.length).toBeGreaterThan(1_000);
    holdRowOrder();
    // The engine rewrites the pending ones: each is accepted and becomes the newest (it would jump to the top).
    const pending = shown.filter((id) => s.records.get(id)!.status === 'pending');
    expect(pending.length).toBeGreaterThan(100);
    let stamp = 2_000_000_000;
    for (let i = 0; i < pending.length; i += 3) {
      const upserted = pending.slice(i, i + 3).map((id) => ({
        ...s.records.get(id)!,
        status: 'accepted' as const,
        mtimeMs: (stamp += 1),
      }));
      s = applyDelta(s, { upserted, removed: [] });
      expect(visibleWithFilters(s, NEWEST_FIRST, 'marta', 'all', NO_FILTERS)).toBe(shown);
    }
    // A new Marta row arrives meanwhile: the newest, it goes before the held row that follows
    // it in the sorted answer (the last one accepted); the others stay where they were.
    const fresh = makeRecord(APP, 'fresh', { email: 'marta.new@corp.com', mtimeMs: (stamp += 1) });
    s = applyDelta(s, { upserted: [fresh], removed: [] });
    const next = shown.indexOf(pending[pending.length - 1]!);
    expect(visibleWithFilters(s, NEWEST_FIRST, 'marta', 'all', NO_FILTERS)).toEqual([
      ...shown.slice(0, next),
      'fresh',
      ...shown.slice(next),
    ]);
  });
});

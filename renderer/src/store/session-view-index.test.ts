// The per-column indexes behind a click on a column header (session-view.ts): built in
// idle-time slices, patched on every live change, so that every sort of the loaded table
// — with or without search and filters — equals the comparator's order from scratch.
import { describe, expect, it } from 'vitest';
import { applyDelta, emptyAppSessions, type AppSessions, type SessionDelta } from './session-index';
import {
  forgetSortedView,
  indexedColumns,
  recordComparator,
  sortedIds,
  SORT_KEYS,
  stepIndexBuild,
  viewCacheSizes,
  type SortSpec,
} from './session-view';
import { forgetVisible, visibleWithFilters } from './visible';
import { makeRecord, manySessions } from '../test/fake-client';
import { compileFilter, searchTerms, searchTextOf } from '../../../shared/session-filter';
import type { SessionRecord } from '../../../shared/types';
import type { ExtraFilters } from './filters';

const APP = 'TEAM.com.example.app';
const CLOCK = 1_700_000_000_000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
}

function randomDelta(s: AppSessions, random: () => number, i: number): SessionDelta {
  const ids = [...s.records.keys()];
  const pick = () => s.records.get(ids[Math.floor(random() * ids.length)]!)!;
  const changed = (r: SessionRecord): SessionRecord => ({
    ...r,
    status: random() < 0.5 ? 'pending' : 'accepted',
    email: random() < 0.3 ? '' : `x${Math.floor(random() * 50)}@corp.com`,
    deviceDescription: random() < 0.5 ? r.deviceDescription : `iPhone ${Math.floor(random() * 20)}`,
    os: random() < 0.8 ? r.os : random() < 0.5 ? '' : 'Android',
    osVersion: random() < 0.2 ? '' : r.osVersion,
    language: random() < 0.2 ? '' : r.language,
    ip: random() < 0.2 ? '' : random() < 0.5 ? r.ip : `10.0.0.${Math.floor(random() * 300)}`,
    mtimeMs: CLOCK - Math.floor(random() * 60) * 86_400_000,
  });
  const kind = random();
  if (kind < 0.3) return { upserted: [changed(makeRecord(APP, `new${i}`, { mtimeMs: CLOCK - i }))], removed: [] };
  if (kind < 0.5) return { upserted: [], removed: [pick().id] };
  if (kind < 0.9) return { upserted: [changed(pick())], removed: [] };
  // A burst: many rows in one delta (the index merges them in one pass).
  return { upserted: Array.from({ length: 12 }, () => changed(pick())), removed: [pick().id, pick().id] };
}

const reference = (s: AppSessions, sort: SortSpec) =>
  [...s.records.values()].sort(recordComparator(sort)).map((r) => r.id);

function referenceVisible(
  s: AppSessions,
  sort: SortSpec,
  query: string,
  status: 'pending',
  filters: ExtraFilters,
): string[] {
  const extra = compileFilter(filters, CLOCK);
  const terms = searchTerms(query);
  return [...s.records.values()]
    .filter((r) => r.status === status && extra(r) && terms.every((t) => searchTextOf(r).includes(t)))
    .sort(recordComparator(sort))
    .map((r) => r.id);
}

describe('column indexes', () => {
  it('are built in slices, follow live changes, and give every sort exactly', () => {
    forgetSortedView();
    forgetVisible();
    const random = rng(17);
    let s = applyDelta(emptyAppSessions(APP), { upserted: manySessions(APP, 500), removed: [] });
    const shown: SortSpec = { key: 'email', dir: 'asc' };
    expect(sortedIds(s, shown)).toEqual(reference(s, shown));
    expect(indexedColumns()).toEqual(['email']);
    // Changes arrive while the idle build is under way (one pause point at a time).
    let i = 0;
    while (!stepIndexBuild(0)) {
      if (i % 7 === 0) {
        s = applyDelta(s, randomDelta(s, random, i));
        sortedIds(s, shown); // the table renders each change
      }
      i++;
    }
    expect(indexedColumns().sort()).toEqual(['changed', 'device', 'email', 'ip', 'language', 'os', 'status']);
    const filters: ExtraFilters = { platform: 'ios', olderThanDays: 10 };
    for (let round = 0; round < 60; round++) {
      s = applyDelta(s, randomDelta(s, random, 1_000 + round));
      visibleWithFilters(s, shown, 'iphone', 'pending', filters, CLOCK);
      if (round % 5 !== 0) continue;
      // Clicks on every header, then the same with search and filters on.
      for (const key of SORT_KEYS) {
        for (const dir of ['asc', 'desc'] as const) {
          const sort: SortSpec = { key, dir };
          expect(sortedIds(s, sort), `${key} ${dir} round ${round}`).toEqual(reference(s, sort));
          expect(visibleWithFilters(s, sort, 'iphone', 'pending', filters, CLOCK), `${key} ${dir} filtered`).toEqual(
            referenceVisible(s, sort, 'iphone', 'pending', filters),
          );
        }
      }
      expect(indexedColumns()).toHaveLength(7); // patched, never rebuilt
      expect(viewCacheSizes().indexedRows).toBe(s.records.size);
    }
  });

  it('start again after a change too large to patch (a Refresh)', () => {
    forgetSortedView();
    let s = applyDelta(emptyAppSessions(APP), { upserted: manySessions(APP, 300), removed: [] });
    sortedIds(s, { key: 'device', dir: 'asc' });
    while (!stepIndexBuild(5));
    const refreshed = manySessions(APP, 900).map((r) => ({ ...r, email: `${r.id.slice(0, 6)}@x.io` }));
    s = applyDelta(s, { upserted: refreshed, removed: [] });
    const sort: SortSpec = { key: 'email', dir: 'desc' };
    expect(sortedIds(s, sort)).toEqual(reference(s, sort));
    expect(indexedColumns()).toEqual(['email']);
    while (!stepIndexBuild(5));
    for (const key of SORT_KEYS) expect(sortedIds(s, { key, dir: 'asc' })).toEqual(reference(s, { key, dir: 'asc' }));
  });
});

// Live changes are patched into the kept sorted view and filtered lists (rows-patch.ts);
// the result must equal a full recompute after every delta, and nothing kept may grow
// with the number of changes (the leak check of issue 13).
import { describe, expect, it } from 'vitest';
import { applyDelta, emptyAppSessions, MAX_RECENT_STEPS, type AppSessions, type SessionDelta } from './session-index';
import {
  filterIds,
  forgetSortedView,
  sortedIds,
  viewCacheSizes,
  visibleIds,
  type SortSpec,
  SORT_KEYS,
} from './session-view';
import { forgetVisible, visibleMemoSize, visibleWithFilters } from './visible';
import { makeRecord, manySessions } from '../test/fake-client';
import { compileFilter } from '../../../shared/session-filter';
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
  const kind = random();
  const changed = (r: SessionRecord): SessionRecord => ({
    ...r,
    status: random() < 0.5 ? 'pending' : 'accepted',
    email: random() < 0.3 ? '' : `x${Math.floor(random() * 50)}@corp.com`,
    deviceDescription: random() < 0.5 ? r.deviceDescription : `iPhone ${Math.floor(random() * 20)}`,
    os: random() < 0.8 ? r.os : 'Android',
    mtimeMs: CLOCK - Math.floor(random() * 60) * 86_400_000,
  });
  if (kind < 0.4 || ids.length < 5)
    return { upserted: [changed(makeRecord(APP, `new${i}`, { mtimeMs: CLOCK - i }))], removed: [] };
  if (kind < 0.6) return { upserted: [], removed: [pick().id] };
  if (kind < 0.9) return { upserted: [changed(pick())], removed: [] };
  return { upserted: [changed(pick()), changed(pick())], removed: [pick().id] }; // several rows in one delta
}

function fullVisible(
  s: AppSessions,
  sort: SortSpec,
  query: string,
  status: 'all' | 'pending',
  filters: ExtraFilters,
): string[] {
  const keep = compileFilter(filters, CLOCK);
  return filterIds(s, sort, query, status).filter((id) => keep(s.records.get(id)!));
}

describe('incremental view', () => {
  it('equals a full recompute after every one of many random deltas', () => {
    const random = rng(7);
    let s = applyDelta(emptyAppSessions(APP), { upserted: manySessions(APP, 400), removed: [] });
    const filters: ExtraFilters = { platform: 'ios', olderThanDays: 10 };
    for (let i = 0; i < 300; i++) {
      const sort: SortSpec = { key: SORT_KEYS[i % SORT_KEYS.length]!, dir: i % 2 ? 'asc' : 'desc' };
      // Change the sort only now and then, so most deltas go through the patch path.
      const keptSort: SortSpec = i % 50 < 45 ? { key: 'email', dir: 'asc' } : sort;
      sortedIds(s, keptSort);
      visibleIds(s, keptSort, 'iphone', 'pending');
      visibleWithFilters(s, keptSort, 'iphone', 'all', filters, CLOCK);
      s = applyDelta(s, randomDelta(s, random, i));
      const patchedSorted = sortedIds(s, keptSort);
      const patchedVisible = visibleIds(s, keptSort, 'iphone', 'pending');
      const patchedFiltered = visibleWithFilters(s, keptSort, 'iphone', 'all', filters, CLOCK);
      forgetSortedView();
      forgetVisible();
      expect(patchedSorted).toEqual(sortedIds(s, keptSort));
      expect(patchedVisible).toEqual(fullVisible(s, keptSort, 'iphone', 'pending', {}));
      expect(patchedFiltered).toEqual(fullVisible(s, keptSort, 'iphone', 'all', filters));
    }
  });

  it('patches several deltas applied between two renders', () => {
    const random = rng(3);
    let s = applyDelta(emptyAppSessions(APP), { upserted: manySessions(APP, 200), removed: [] });
    const sort: SortSpec = { key: 'device', dir: 'desc' };
    for (let round = 0; round < 20; round++) {
      visibleIds(s, sort, '', 'pending');
      for (let k = 0; k < 5; k++) s = applyDelta(s, randomDelta(s, random, round * 10 + k));
      const patched = visibleIds(s, sort, '', 'pending');
      forgetSortedView();
      expect(patched).toEqual(filterIds(s, sort, '', 'pending'));
    }
  });

  it('keeps nothing growing over 1,000 live changes (leak check)', () => {
    forgetSortedView();
    forgetVisible();
    const random = rng(11);
    let s = applyDelta(emptyAppSessions(APP), { upserted: manySessions(APP, 300), removed: [] });
    const sort: SortSpec = { key: 'email', dir: 'asc' };
    const filters: ExtraFilters = { platform: 'ios' };
    let added = 0;
    for (let i = 0; i < 1_000; i++) {
      // Add, change and remove in turn, so the row count stays near its start.
      const ids = [...s.records.keys()];
      const delta: SessionDelta =
        i % 3 === 0
          ? {
              upserted: [makeRecord(APP, `live${(added += 1)}`, { status: 'pending', mtimeMs: CLOCK - i })],
              removed: [],
            }
          : i % 3 === 1
            ? {
                upserted: [{ ...s.records.get(ids[Math.floor(random() * ids.length)]!)!, email: `e${i}@x.io` }],
                removed: [],
              }
            : { upserted: [], removed: [`live${added}`] };
      s = applyDelta(s, delta);
      visibleWithFilters(s, sort, 'iphone', 'pending', filters, CLOCK);
      visibleIds(s, sort, 'iphone', 'pending');
    }
    expect(s.records.size).toBeLessThanOrEqual(301); // 334 added, 333 removed
    expect(s.recent.length).toBeLessThanOrEqual(MAX_RECENT_STEPS);
    const sizes = viewCacheSizes();
    expect(sizes.sortedViews).toBe(1);
    expect(sizes.tieRanks).toBeLessThanOrEqual(1);
    expect(sizes.filtered).toBeLessThanOrEqual(301);
    expect(visibleMemoSize()).toBeLessThanOrEqual(301);
    expect(sortedIds(s, sort)).toHaveLength(s.records.size);
  });
});

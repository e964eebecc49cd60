// After the user changes a row, the table keeps the order it showed (a changed row does
// not jump to the top under Last changed) until the user re-sorts or changes the view.
import { afterEach, describe, expect, it } from 'vitest';
import { applyDelta, emptyAppSessions } from './session-index';
import { forgetSortedView, type SortSpec } from './session-view';
import { forgetVisible, holdRowOrder, mergeHeld, visibleWithFilters } from './visible';
import { makeRecord } from '../test/fake-client';

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

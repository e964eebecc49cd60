// Opening an app of many sessions never freezes the window: the listing is merged, and
// the shown column indexed, in slices (finishLoadPaced), and the result is exactly what
// the one-task merge gives. Slices are counted through the yield the runner awaits.

import { describe, expect, it } from 'vitest';
import { makeRecord, manySessions } from '../test/fake-client';
import { applyDelta, emptyAppSessions, mergeListingSteps } from './session-index';
import { runPaced } from './paced-steps';
import { forgetSortedView, indexedColumns, sortedIds, type SortSpec } from './session-view';
import {
  applyEvent,
  beginLoad,
  finishLoad,
  finishLoadPaced,
  PACED_LOAD_MIN,
  resetWorkspace,
  useWorkspace,
} from './workspace';

const APP = 'TEAM.com.example.big';
const SORT: SortSpec = { key: 'email', dir: 'asc' };
const N = PACED_LOAD_MIN * 3;

describe('paced load of a big app', () => {
  it('merges in several slices, stays "loading" until done, and ends with the one-task result', async () => {
    resetWorkspace();
    forgetSortedView();
    const listing = manySessions(APP, N);
    const token = beginLoad(APP);
    let slices = 0;
    let publishedEarly = false;
    const steps = finishLoadPaced(APP, listing, token, () => SORT);
    // Between slices the store has nothing for the app yet and says it is loading.
    const watch = useWorkspace.subscribe((s) => {
      if (s.load.get(APP)?.status === 'loading' && s.sessions.has(APP)) publishedEarly = true;
    });
    const late = makeRecord(APP, 'ffff0001');
    let sentLate = false;
    const timer = setInterval(() => {
      slices += 1;
      if (!sentLate) {
        sentLate = true;
        applyEvent({ type: 'sessions', app: APP, upserted: [late], removed: [] }); // arrives mid-load: buffered
      }
    }, 0);
    await steps;
    clearInterval(timer);
    watch();
    expect(publishedEarly).toBe(false);
    expect(slices).toBeGreaterThan(1);
    const s = useWorkspace.getState().sessions.get(APP)!;
    expect(useWorkspace.getState().load.get(APP)?.status).toBe('ready');
    expect(s.records.size).toBe(N + 1);
    expect(s.records.get('ffff0001')).toBe(late);
    // The shown column was indexed before the app was shown, and its order is the comparator's.
    expect(indexedColumns()).toContain('email');
    const reference = applyDelta(emptyAppSessions('ref'), { upserted: [...s.records.values()], removed: [] });
    const paced = sortedIds(s, SORT);
    forgetSortedView();
    expect(paced).toEqual(sortedIds({ ...reference, app: APP }, SORT));
  });

  it('a listing under the threshold is merged at once, as before', async () => {
    resetWorkspace();
    const token = beginLoad(APP);
    await finishLoadPaced(APP, manySessions(APP, 10), token, () => SORT);
    expect(useWorkspace.getState().sessions.get(APP)?.records.size).toBe(10);
  });

  it('a reset (another folder) or a newer load while merging: the old listing is dropped', async () => {
    resetWorkspace();
    const first = beginLoad(APP);
    const old = finishLoadPaced(APP, manySessions(APP, N), first, () => null);
    resetWorkspace(); // another folder opened
    await old;
    expect(useWorkspace.getState().sessions.get(APP)).toBeUndefined();

    const a = beginLoad(APP);
    const b = beginLoad(APP); // a Refresh while the first load was under way
    await finishLoadPaced(APP, [makeRecord(APP, 'aaaa')], a, () => null);
    expect(useWorkspace.getState().sessions.get(APP)).toBeUndefined();
    await finishLoadPaced(APP, [makeRecord(APP, 'bbbb')], b, () => null);
    expect([...useWorkspace.getState().sessions.get(APP)!.records.keys()]).toEqual(['bbbb']);
  });

  it('mergeListingSteps on a held app changes its map in one step (it may be on screen)', async () => {
    const held = applyDelta(emptyAppSessions(APP), { upserted: manySessions(APP, N), removed: [] });
    const listing = [...held.records.values()].slice(1);
    listing.push(makeRecord(APP, 'eeee0001'));
    const sizes: number[] = [];
    const out = await runPaced(mergeListingSteps(held, listing), {
      sliceMs: 0,
      yieldTo: async () => void sizes.push(held.records.size),
    });
    expect(new Set(sizes)).toEqual(new Set([N])); // untouched between slices
    expect(out!.value.records.size).toBe(N);
    expect(out!.value.records.has('eeee0001')).toBe(true);
  });

  it('the one-task finishLoad and the paced one agree', async () => {
    const listing = manySessions(APP, N);
    resetWorkspace();
    beginLoad(APP);
    finishLoad(APP, listing);
    const once = [...useWorkspace.getState().sessions.get(APP)!.records.values()];
    resetWorkspace();
    const token = beginLoad(APP);
    await finishLoadPaced(APP, listing, token, () => null);
    expect([...useWorkspace.getState().sessions.get(APP)!.records.values()]).toEqual(once);
  });
});

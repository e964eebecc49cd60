// Coming back to a big app whose order was dropped (another app was shown since) builds
// it in slices, with the table's spinner meanwhile, instead of one long task at render.

import { describe, expect, it } from 'vitest';
import { makeRecord, manySessions } from '../test/fake-client';
import { applyDelta, emptyAppSessions } from './session-index';
import { forgetSortedView, shownColumnReady, sortedIds, type SortSpec } from './session-view';
import { useUi } from './ui';
import { prepareShownView, usePreparing } from './view-prepare';
import { applyEvent, beginLoad, finishLoad, PACED_LOAD_MIN, resetWorkspace, useWorkspace } from './workspace';

const BIG = 'TEAM.com.example.big';
const SMALL = 'TEAM.com.example.small';
const SORT: SortSpec = { key: 'device', dir: 'desc' };

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

function loadBoth(): void {
  resetWorkspace();
  forgetSortedView();
  beginLoad(BIG);
  finishLoad(BIG, manySessions(BIG, PACED_LOAD_MIN * 2));
  beginLoad(SMALL);
  finishLoad(SMALL, manySessions(SMALL, 20));
}

describe('preparing the shown view of a big app', () => {
  it('builds the missing column in slices (spinner state meanwhile), with the changes that arrived', async () => {
    loadBoth();
    useUi.setState({ selectedApp: BIG, sort: SORT });
    prepareShownView();
    expect(usePreparing.getState().app).toBe(BIG); // at once: the table shows the spinner, not a long task
    expect(shownColumnReady(useWorkspace.getState().sessions.get(BIG)!, SORT)).toBe(false);
    const late = makeRecord(BIG, 'ffff0002', { deviceDescription: 'zzz last device' });
    applyEvent({ type: 'sessions', app: BIG, upserted: [late], removed: [] });
    await until(() => usePreparing.getState().app === null);
    const s = useWorkspace.getState().sessions.get(BIG)!;
    expect(shownColumnReady(s, SORT)).toBe(true);
    const shown = sortedIds(s, SORT);
    expect(shown[0]).toBe('ffff0002');
    const reference = applyDelta(emptyAppSessions('ref'), { upserted: [...s.records.values()], removed: [] });
    forgetSortedView();
    expect(shown).toEqual(sortedIds({ ...reference, app: BIG }, SORT));
  });

  it('a small app needs no preparation; leaving the big app cancels it', async () => {
    loadBoth();
    useUi.setState({ selectedApp: SMALL, sort: SORT });
    prepareShownView();
    expect(usePreparing.getState().app).toBe(null);
    useUi.setState({ selectedApp: BIG });
    prepareShownView();
    expect(usePreparing.getState().app).toBe(BIG);
    useUi.setState({ selectedApp: SMALL });
    prepareShownView();
    expect(usePreparing.getState().app).toBe(null);
  });
});

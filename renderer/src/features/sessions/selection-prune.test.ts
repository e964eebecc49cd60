// The selection stays true to the list during a bulk action's many live changes: a row
// that leaves the list leaves the selection; checked from the rows each change touched
// (not a set of every visible row per change), with the same answer as a full check.
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../../shared/types';
import { prune, selectAll } from '../../store/selection';
import { forgetSortedView } from '../../store/session-view';
import { resetUi, setSelection, useUi } from '../../store/ui';
import { currentVisibleIds, forgetVisible, holdRowOrder } from '../../store/visible';
import { applySessionsDelta, finishLoad, resetWorkspace, useWorkspace } from '../../store/workspace';
import { manySessions } from '../../test/fake-client';
import { watchSelection } from './selection-actions';

const APP = 'TEAM.com.example.app';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
}

let off: (() => void) | null = null;
afterEach(() => {
  off?.();
  off = null;
  resetUi();
  resetWorkspace();
  forgetSortedView();
  forgetVisible();
});

function open(n: number, status: 'all' | 'pending'): void {
  finishLoad(APP, manySessions(APP, n));
  useUi.setState({ selectedApp: APP, view: 'sessions', statusFilter: status });
  off = watchSelection();
  setSelection(selectAll(useUi.getState().selection, currentVisibleIds()));
}

const record = (id: string) => useWorkspace.getState().sessions.get(APP)!.records.get(id)!;

describe('selection during a bulk action', () => {
  it('keeps the very same selection while the changed rows stay in the list', () => {
    open(5_000, 'all');
    holdRowOrder();
    const before = useUi.getState().selection;
    expect(before.ids.size).toBe(5_000);
    const pending = currentVisibleIds().filter((id) => record(id).status === 'pending');
    for (let i = 0; i < pending.length; i += 4) {
      const upserted = pending.slice(i, i + 4).map((id) => ({ ...record(id), status: 'accepted' as const }));
      applySessionsDelta(APP, { upserted, removed: [] });
    }
    expect(useUi.getState().selection).toBe(before);
  });

  it('drops the rows that leave the list (Accept under the Pending filter), as a full check would', () => {
    open(5_000, 'pending');
    holdRowOrder();
    const random = rng(3);
    const pending = currentVisibleIds();
    for (let i = 0; i < 400; i += 5) {
      // Accepted rows leave the Pending list; a removed file and an unrelated edit come in between.
      const ids = pending.slice(i, i + 5);
      const upserted: SessionRecord[] = ids.slice(0, 4).map((id) => ({ ...record(id), status: 'accepted' }));
      if (random() < 0.5) upserted.push({ ...record(pending[pending.length - 1 - i / 5]!), email: `x${i}@corp.com` });
      applySessionsDelta(APP, { upserted, removed: ids.slice(4) });
      const sel = useUi.getState().selection;
      expect(sel).toBe(prune(sel, new Set(currentVisibleIds())));
      for (const id of ids) expect(sel.ids.has(id)).toBe(false);
    }
    expect(useUi.getState().selection.ids.size).toBe(pending.length - 400);
  });
});

// The renderer's engine-event queue: many 'sessions' deltas and 'apps' lists within one
// task are applied once, merged, and any other event keeps its place in the order.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../shared/types';
import { makeRecord } from '../test/fake-client';
import { EventQueue } from './event-queue';

afterEach(() => vi.useRealTimers());

const A = 'TEAM.com.example.a';
const rec = (id: string, email = `${id}@x.org`) => makeRecord(A, id, { email });

describe('EventQueue', () => {
  it('merges a burst of deltas per app into one, the newest version of each session winning', async () => {
    const got: EngineEvent[] = [];
    const q = new EventQueue((e) => got.push(e));
    q.push({ type: 'sessions', app: A, upserted: [rec('a1'), rec('a2')], removed: [] });
    q.push({ type: 'apps', apps: [] });
    q.push({ type: 'sessions', app: A, upserted: [rec('a1', 'new@x.org')], removed: ['a2', 'a3'] });
    q.push({ type: 'unpushed', count: 1 });
    q.push({ type: 'sessions', app: A, upserted: [rec('a3')], removed: [] });
    q.push({ type: 'apps', apps: [{ folder: A } as never] });
    q.push({ type: 'unpushed', count: 2 });
    expect(got).toEqual([]); // nothing applied within the task
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual([
      { type: 'sessions', app: A, upserted: [rec('a1', 'new@x.org'), rec('a3')], removed: ['a2'] },
      { type: 'apps', apps: [{ folder: A }] },
      { type: 'unpushed', count: 2 },
    ]);
  });

  it('another event applies what is queued first, then itself (order kept)', () => {
    const got: string[] = [];
    const q = new EventQueue((e) => got.push(e.type));
    q.push({ type: 'sessions', app: A, upserted: [rec('a1')], removed: [] });
    q.push({ type: 'apps', apps: [] });
    q.push({ type: 'new-pending', sessions: [rec('a1')] });
    expect(got).toEqual(['sessions', 'apps', 'new-pending']);
  });

  it('close drops what is queued (disconnected)', async () => {
    const got: EngineEvent[] = [];
    const q = new EventQueue((e) => got.push(e));
    q.push({ type: 'apps', apps: [] });
    q.close();
    await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../../shared/types';
import { newestFirst, pendingNewestFirst } from './pending-list';

function rec(app: string, id: string, mtimeMs: number, pending: boolean): SessionRecord {
  return {
    app,
    id,
    status: pending ? 'pending' : 'accepted',
    email: '',
    deviceDescription: '',
    deviceId: '',
    os: '',
    osVersion: '',
    simulator: false,
    language: '',
    ip: '',
    appVersion: '',
    mtimeMs,
    size: 1,
    warnings: [],
  };
}

describe('pendingNewestFirst', () => {
  it('equals one plain sort of the pending records, across many runs, apps and equal times', async () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const apps: Map<string, SessionRecord>[] = [];
    const all: SessionRecord[] = [];
    for (let a = 0; a < 5; a++) {
      const m = new Map<string, SessionRecord>();
      for (let i = 0; i < 3000; i++) {
        const r = rec(`app${a}`, `ID${String(i).padStart(6, '0')}`, Math.floor(rand() * 500), rand() < 0.7);
        m.set(r.id, r);
        all.push(r);
      }
      apps.push(m);
    }
    const expected = all.filter((r) => r.status === 'pending').sort(newestFirst);
    const got = await pendingNewestFirst(apps);
    expect(got.length).toBe(expected.length);
    expect(got.map((r) => `${r.app}/${r.id}`)).toEqual(expected.map((r) => `${r.app}/${r.id}`));
  });

  it('is empty without pending sessions', async () => {
    expect(await pendingNewestFirst([new Map([['A', rec('x', 'A', 1, false)]])])).toEqual([]);
    expect(await pendingNewestFirst([])).toEqual([]);
  });
});

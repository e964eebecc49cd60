import { describe, expect, it } from 'vitest';
import { applyDelta, diffListing, emptyAppSessions } from './session-index';
import { filterIds, makeComparator, sortedIds, visibleIds, type SortSpec } from './session-view';
import { applyEvent, beginLoad, finishLoad, resetWorkspace, useWorkspace } from './workspace';
import { makeRecord, manySessions } from '../test/fake-client';
import { filterRecords, sortRecords, type SortColumn } from '../../../shared/session-filter';
import type { SessionRecord } from '../../../shared/types';

const APP = 'TEAM.com.example.app';

function loaded(records = manySessions(APP, 50)) {
  return applyDelta(emptyAppSessions(APP), { upserted: records, removed: [] });
}

describe('applyDelta', () => {
  it('replaces only the upserted records and keeps every other object as is', () => {
    const s0 = loaded();
    const before = new Map(s0.records);
    const target = [...before.values()][7]!;
    const changed = { ...target, status: 'pending' as const, mtimeMs: target.mtimeMs + 1 };
    const s1 = applyDelta(s0, { upserted: [changed], removed: [] });
    expect(s1).not.toBe(s0);
    expect(s1.rev).toBe(s0.rev + 1);
    expect(s1.lastChange).toEqual({ fromRev: s0.rev, upserted: [target.id], removed: [] });
    for (const [id, rec] of before) {
      if (id === target.id) expect(s1.records.get(id)).toBe(changed);
      else expect(s1.records.get(id)).toBe(rec);
    }
  });

  it('removes records and their haystacks', () => {
    const s0 = loaded();
    const id = [...s0.records.keys()][3]!;
    const s1 = applyDelta(s0, { upserted: [], removed: [id, 'not-there'] });
    expect(s1.records.has(id)).toBe(false);
    expect(s1.lastChange?.removed).toEqual([id]);
  });

  it('returns the same object when a delta changes nothing', () => {
    const s0 = loaded();
    const same = { ...[...s0.records.values()][0]! };
    expect(applyDelta(s0, { upserted: [same], removed: ['nope'] })).toBe(s0);
  });

  it('diffListing keeps unchanged records by reference on Refresh', () => {
    const s0 = loaded();
    const listing = [...s0.records.values()].map((r) => ({ ...r }));
    listing[2] = { ...listing[2]!, email: 'new@example.com' };
    listing.pop();
    const delta = diffListing(s0, listing);
    expect(delta.upserted.map((r) => r.id)).toEqual([listing[2]!.id]);
    expect(delta.removed).toHaveLength(1);
  });
});

describe('sorting and filtering', () => {
  const records = [
    makeRecord(APP, 'aa01', {
      deviceDescription: 'iPhone 9',
      os: 'iOS',
      osVersion: '9.3',
      email: 'zed@x.io',
      language: 'fr_FR',
      ip: '10.0.0.2',
      status: 'pending',
      mtimeMs: 3,
    }),
    makeRecord(APP, 'bb02', {
      deviceDescription: 'iPhone 15',
      os: 'iOS',
      osVersion: '17.4',
      email: 'amy@x.io',
      language: 'en_US',
      ip: '10.0.0.10',
      status: 'accepted',
      mtimeMs: 1,
    }),
    makeRecord(APP, 'cc03', {
      deviceDescription: 'Pixel 8',
      os: 'Android',
      osVersion: '34 (Android 14)',
      email: '',
      language: 'es_ES',
      ip: '192.168.0.1',
      status: 'accepted',
      mtimeMs: 2,
    }),
  ];
  const s = loaded(records);
  const order = (spec: SortSpec) => sortedIds(s, spec).map((id) => s.records.get(id)!.deviceDescription);

  it('sorts each column both ways, numbers naturally', () => {
    expect(order({ key: 'device', dir: 'asc' })).toEqual(['iPhone 9', 'iPhone 15', 'Pixel 8']);
    expect(order({ key: 'device', dir: 'desc' })).toEqual(['Pixel 8', 'iPhone 15', 'iPhone 9']);
    expect(order({ key: 'os', dir: 'asc' })).toEqual(['Pixel 8', 'iPhone 9', 'iPhone 15']);
    expect(order({ key: 'email', dir: 'asc' })).toEqual(['iPhone 15', 'iPhone 9', 'Pixel 8']); // empty last
    expect(order({ key: 'language', dir: 'asc' })).toEqual(['iPhone 15', 'Pixel 8', 'iPhone 9']);
    expect(order({ key: 'ip', dir: 'asc' })).toEqual(['iPhone 9', 'iPhone 15', 'Pixel 8']);
    // The command line's order (shared compareRecords): pending before accepted when ascending.
    expect(order({ key: 'status', dir: 'asc' })).toEqual(['iPhone 9', 'iPhone 15', 'Pixel 8']);
    expect(order({ key: 'status', dir: 'desc' })).toEqual(['iPhone 15', 'Pixel 8', 'iPhone 9']);
    expect(order({ key: 'email', dir: 'desc' })).toEqual(['iPhone 9', 'iPhone 15', 'Pixel 8']); // empty last both ways
    expect(order({ key: 'mtime', dir: 'desc' })).toEqual(['iPhone 9', 'Pixel 8', 'iPhone 15']);
  });

  it('searches device, e-mail, id, OS and IP, case-insensitively, all words', () => {
    const find = (q: string) =>
      filterIds(s, { key: 'device', dir: 'asc' }, q, 'all').map((id) => s.records.get(id)!.deviceDescription);
    expect(find('PIXEL')).toEqual(['Pixel 8']);
    expect(find('amy@')).toEqual(['iPhone 15']);
    expect(find('aa01')).toEqual(['iPhone 9']);
    expect(find('android 14')).toEqual(['Pixel 8']);
    expect(find('192.168')).toEqual(['Pixel 8']);
    expect(find('iphone fr_fr')).toEqual(['iPhone 9']);
    expect(find('nothing-like-this')).toEqual([]);
  });

  it("searches accent- and case-insensitively, every word anywhere (the command line's rule)", () => {
    const withAccents = loaded([
      makeRecord(APP, 'dd04', {
        deviceDescription: 'Téléphone de José',
        email: 'jose@exemplo.com.br',
        language: 'pt_BR',
      }),
      makeRecord(APP, 'ee05', { deviceDescription: 'iPhone', email: 'JOSÉ@ACME.FR', appVersion: '2.3.1' }),
    ]);
    const find = (q: string) => filterIds(withAccents, { key: 'device', dir: 'asc' }, q, 'all');
    expect(find('jose')).toEqual(['ee05', 'dd04']);
    expect(find('JOSÉ telephone')).toEqual(['dd04']);
    expect(find('2.3.1')).toEqual(['ee05']); // app version is searched too, as in the CLI
  });

  it('filters by status', () => {
    const ids = filterIds(s, { key: 'device', dir: 'asc' }, '', 'pending');
    expect(ids).toEqual(['aa01']);
  });

  it('patches the cached order incrementally with the same result as a full sort', () => {
    let cur = loaded(manySessions(APP, 2000));
    const spec: SortSpec = { key: 'email', dir: 'asc' };
    sortedIds(cur, spec);
    const some = [...cur.records.values()]
      .slice(100, 110)
      .map((r, i) => ({ ...r, email: `m${i}@b.io`, mtimeMs: r.mtimeMs + 1 }));
    cur = applyDelta(cur, {
      upserted: [...some, makeRecord(APP, 'ffff', { email: 'new@n.io' })],
      removed: [[...cur.records.keys()][5]!],
    });
    const incremental = sortedIds(cur, spec);
    const full = [...cur.records.keys()].sort(makeComparator(cur.records, spec));
    expect(incremental).toEqual(full);
  });

  it('gives exactly the shared sortRecords + filterRecords answer, for every column and direction', () => {
    const recs: SessionRecord[] = manySessions(APP, 3000).map((r, i) => ({
      ...r,
      deviceDescription: i % 11 === 0 ? '' : i % 5 === 0 ? `Téléphone ${i % 40}` : r.deviceDescription,
      ip: i % 9 === 0 ? `::ffff:10.0.${i % 7}.${i % 250}` : i % 13 === 0 ? '' : r.ip,
      language: ['fr_FR', 'en_US', '', 'pt_BR'][i % 4]!,
      status: i % 17 === 0 ? null : r.status,
    }));
    const big = loaded(recs);
    const columns: [SortSpec['key'], SortColumn][] = [
      ['device', 'device'],
      ['os', 'os'],
      ['email', 'email'],
      ['language', 'language'],
      ['ip', 'ip'],
      ['status', 'status'],
      ['mtime', 'changed'],
    ];
    for (const [key, column] of columns) {
      for (const dir of ['asc', 'desc'] as const) {
        const expected = sortRecords(recs, column, dir);
        expect(sortedIds(big, { key, dir }), `${key} ${dir}`).toEqual(expected.map((r) => r.id));
        for (const q of ['telephone', 'corp3 PENDING', 'fr_ 10.0']) {
          const want = filterRecords(expected, { search: q }, 0).map((r) => r.id);
          expect(filterIds(big, { key, dir }, q, 'all'), `${key} ${dir} "${q}"`).toEqual(want);
        }
      }
    }
  });

  it('answers a search over 100,000 sessions quickly (figure logged, not asserted)', () => {
    const big = loaded(manySessions(APP, 100_000));
    const ts = performance.now();
    sortedIds(big, { key: 'device', dir: 'asc' });
    console.log(`sort 100k sessions by device (shared comparator): ${(performance.now() - ts).toFixed(0)} ms`);
    visibleIds(big, { key: 'mtime', dir: 'desc' }, '', 'all');
    const t0 = performance.now();
    const hits = visibleIds(big, { key: 'mtime', dir: 'desc' }, 'corp7.com', 'all');
    const ms = performance.now() - t0;
    const t1 = performance.now();
    const narrower = visibleIds(big, { key: 'mtime', dir: 'desc' }, 'corp7.com user1', 'all');
    const ms2 = performance.now() - t1;
    const t2 = performance.now();
    const other = visibleIds(big, { key: 'mtime', dir: 'desc' }, 'ipados 16', 'all');
    const ms3 = performance.now() - t2;
    console.log(
      `search over 100k sessions: first search ${ms.toFixed(1)} ms (${hits.length} hits); next keystroke ${ms2.toFixed(1)} ms; a new search ${ms3.toFixed(1)} ms (${other.length} hits)`,
    );
    expect(hits.length).toBeGreaterThan(0);
    expect(narrower.every((id) => hits.includes(id))).toBe(true);
    expect(narrower).toEqual(filterIds(big, { key: 'mtime', dir: 'desc' }, 'corp7.com user1', 'all'));
  });
});

describe('workspace store', () => {
  it('buffers deltas that arrive while a listing is loading, then applies them', () => {
    resetWorkspace();
    beginLoad(APP);
    const late = makeRecord(APP, 'late01');
    applyEvent({ type: 'sessions', app: APP, upserted: [late], removed: [] });
    expect(useWorkspace.getState().sessions.get(APP)).toBeUndefined();
    finishLoad(APP, [makeRecord(APP, 'first1')]);
    const s = useWorkspace.getState().sessions.get(APP)!;
    expect([...s.records.keys()].sort()).toEqual(['first1', 'late01']);
  });

  it('keeps the other apps and records untouched on a delta', () => {
    resetWorkspace();
    beginLoad(APP);
    finishLoad(APP, [makeRecord(APP, 'one'), makeRecord(APP, 'two')]);
    const before = useWorkspace.getState().sessions.get(APP)!;
    const two = before.records.get('two');
    applyEvent({ type: 'sessions', app: APP, upserted: [makeRecord(APP, 'one', { email: 'x@y.z' })], removed: [] });
    const after = useWorkspace.getState().sessions.get(APP)!;
    expect(after.records.get('two')).toBe(two);
    expect(after.records.get('one')?.email).toBe('x@y.z');
  });

  it('tracks the unpushed count from events', () => {
    resetWorkspace();
    applyEvent({ type: 'unpushed', count: 4 });
    expect(useWorkspace.getState().unpushed).toBe(4);
  });
});

// `npm run bench:table -- --sessions 100000`: the renderer's table logic at scale, with
// filters and a selection in use (issue 6): the same functions the UI calls, in Node.
// Prints JSON; nothing is asserted (figures, not timed tests).

import { applyDelta, emptyAppSessions } from '../renderer/src/store/session-index';
import { sortedIds } from '../renderer/src/store/session-view';
import { visibleWithFilters } from '../renderer/src/store/visible';
import { click, single } from '../renderer/src/store/selection';
import { manySessions } from '../renderer/src/test/fake-client';
import type { ExtraFilters } from '../renderer/src/store/filters';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, Math.round((performance.now() - t) * 10) / 10];
}

const n = arg('sessions', 100_000);
const app = 'TEAM.com.example.app';
const now = Date.now();
const records = manySessions(app, n).map((r, i) => ({ ...r, mtimeMs: now - (i % 400) * 86_400_000 }));
const [s] = time(() => applyDelta(emptyAppSessions(app), { upserted: records, removed: [] }));
const sort = { key: 'mtime' as const, dir: 'desc' as const };
const filters: ExtraFilters = { platform: 'ios', olderThanDays: 30 };

const [, sortMs] = time(() => sortedIds(s, sort));
const [first, firstFilteredSearchMs] = time(() => visibleWithFilters(s, sort, 'iphone', 'pending', filters));
const [, nextKeystrokeMs] = time(() => visibleWithFilters(s, sort, 'iphone 1', 'pending', filters));
const [all, unfilteredMs] = time(() => visibleWithFilters(s, sort, '', 'all', {}));
const [selectAll, selectAllMs] = time(() => new Set(all));
const [, rangeMs] = time(() => click(single(all[0]!), all, all[all.length - 1]!, 'range'));
// One file changes on disk while a filter and a big selection are in use.
const target = s.records.get(all[500]!)!;
const [s2, deltaMs] = time(() => applyDelta(s, { upserted: [{ ...target, status: 'accepted', mtimeMs: now }], removed: [] }));
const [, afterDeltaMs] = time(() => visibleWithFilters(s2, sort, 'iphone 1', 'pending', filters));

console.log(
  JSON.stringify(
    {
      sessions: n,
      filters: { search: 'iphone → iphone 1', status: 'pending', ...filters },
      visibleWithFilters: first.length,
      ms: {
        fullSort: sortMs,
        firstFilteredSearch: firstFilteredSearchMs,
        nextKeystroke: nextKeystrokeMs,
        unfilteredView: unfilteredMs,
        selectAllVisible: selectAllMs,
        shiftClickRangeOverAll: rangeMs,
        applySingleFileDelta: deltaMs,
        viewAfterDelta: afterDeltaMs,
      },
      selected: selectAll.size,
      target: 'a keystroke within 50 ms',
    },
    null,
    2,
  ),
);

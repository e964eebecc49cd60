// listSessionsPage on real temporary folders: the pages of one listing cover the app
// once, from the moment of the first page, whatever changes on disk between two pages;
// a cursor of another app, a stale one, or one from before the folder changed is refused.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApiArgs } from '../../../shared/api-schema';
import type { SessionPage, SessionRecord } from '../../../shared/types';
import { newId, recordEvents, sessionText, waitFor } from '../testing/engine-fixtures';
import { useWorkspaceFixture } from '../testing/workspace-fixture';
import type { Workspace } from './workspace';
import { SessionPages, SNAPSHOT_TTL_MS } from './session-pages';

const fixture = useWorkspaceFixture();

async function allPages(
  w: Workspace,
  app: string,
  size: number,
  between?: () => Promise<void>,
): Promise<SessionPage[]> {
  const pages: SessionPage[] = [];
  let cursor: string | null = null;
  do {
    const page: SessionPage = await w.listSessionsPage(app, { cursor, size });
    pages.push(page);
    cursor = page.next;
    if (between && cursor) await between();
  } while (cursor !== null);
  return pages;
}

const ids = (rs: SessionRecord[]) => rs.map((r) => r.id).sort();

describe('listSessionsPage', () => {
  it('pages cover the app once and agree with listSessions', async () => {
    const tree = fixture.makeTree(23, 2);
    const w = fixture.workspace();
    await w.open(tree.root);
    const app = tree.apps[0]!.folder;
    const pages = await allPages(w, app, 5);
    expect(pages.map((p) => p.records.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.every((p) => p.total === 23)).toBe(true);
    expect(ids(pages.flatMap((p) => p.records))).toEqual(ids(await w.listSessions(app)));
    expect((await w.listSessionsPage(app, { cursor: null, size: 100 })).next).toBeNull(); // one page, nothing kept
  });

  it('every page comes from the moment of the first, whatever changes on disk meanwhile', async () => {
    const tree = fixture.makeTree(12, 1);
    const w = fixture.workspace();
    const seen = recordEvents((l) => w.onEvent(l));
    await w.open(tree.root);
    const app = tree.apps[0]!;
    const before = ids(await w.listSessions(app.folder));
    const added = newId();
    let changed = false;
    const pages = await allPages(w, app.folder, 4, async () => {
      if (changed) return;
      changed = true;
      rmSync(join(tree.root, app.folder, before[11]!)); // one the last page would hold
      writeFileSync(join(tree.root, app.folder, added), sessionText(app, added, 99));
      const indexed = () =>
        seen.events.some((e) => e.type === 'sessions' && e.upserted.some((r) => r.id === added)) &&
        seen.events.some((e) => e.type === 'sessions' && e.removed.includes(before[11]!));
      await waitFor(indexed, 'both changes indexed');
    });
    expect(ids(pages.flatMap((p) => p.records))).toEqual(before); // nothing skipped, nothing repeated
  });

  it('refuses a cursor of another app, a made-up one, and one from before the folder changed', async () => {
    const tree = fixture.makeTree(6, 2);
    const w = fixture.workspace();
    await w.open(tree.root);
    const [a, b] = tree.apps.map((x) => x.folder);
    const first = await w.listSessionsPage(a!, { cursor: null, size: 2 });
    await expect(w.listSessionsPage(b!, { cursor: first.next, size: 2 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(w.listSessionsPage(a!, { cursor: 'nope:2', size: 2 })).rejects.toMatchObject({ code: 'not-found' });
    await w.open(fixture.makeTree(6, 2).root);
    await expect(w.listSessionsPage(a!, { cursor: first.next, size: 2 })).rejects.toThrow(/no longer available/);
  });

  it('a listing not read on for a minute is dropped; the newest few are kept', () => {
    let now = 0;
    const pages = new SessionPages(() => now);
    const records = Array.from({ length: 10 }, (_, i) => ({ id: String(i) }) as SessionRecord);
    const first = pages.page('A', { cursor: null, size: 3 }, () => records);
    expect(pages.size).toBe(1);
    now += SNAPSHOT_TTL_MS + 1;
    expect(() => pages.page('A', { cursor: first.next, size: 3 }, () => records)).toThrow(/no longer available/);
    expect(pages.size).toBe(0);
    for (let i = 0; i < 20; i++) pages.page('A', { cursor: null, size: 3 }, () => records);
    expect(pages.size).toBe(8);
  });

  it('validates its arguments at the boundary', () => {
    expect(parseApiArgs('listSessionsPage', ['APP.x', { cursor: null, size: 10 }])).toEqual([
      'APP.x',
      { cursor: null, size: 10 },
    ]);
    for (const bad of [
      ['APP.x'],
      ['APP.x', { cursor: null, size: 0 }],
      ['APP.x', { cursor: null, size: 1e9 }],
      ['APP.x', { cursor: '', size: 10 }],
      ['APP.x', { cursor: null, size: 10, extra: 1 }],
      ['../x', { cursor: null, size: 10 }],
    ]) {
      expect(() => parseApiArgs('listSessionsPage', bad), JSON.stringify(bad)).toThrow(/listSessionsPage/);
    }
  });
});

// The whole UI, end to end: real temp MobileApps folder → real browser-mode
// server → headless Chromium. Every action is checked on the disk as well as
// on the page.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { WorkspaceState } from '../../shared/types';
import { buildSessionJson, createRng, randomSessionId } from '../../electron/engine/demo/demo-folder';
import {
  appFolders,
  callApi,
  launchChromium,
  openApp,
  serveDemoFolder,
  type OpenedPage,
  type ServedFolder,
} from './harness';
import {
  fileExists,
  readSession,
  row,
  search,
  selectApp,
  sessionsOnDisk,
  showOnly,
  visibleRows,
  waitForApp,
} from './ui';

let served: ServedFolder;
let browser: Browser;
let opened: OpenedPage;
let page: Page;
let state: WorkspaceState;

function api<T>(method: string, args: unknown[] = []): Promise<T> {
  return callApi<T>(served, method, args);
}

/**
 * The order the table promises, column by column — the command line's order
 * (shared/session-filter.ts compareRecords): text by a case-insensitive,
 * number-aware collation ("iPhone 9" before "iPhone 15"), sessions without an
 * e-mail last in either direction, pending before accepted, times by instant.
 */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const STATUS_RANK: Record<string, number> = { pending: 0, accepted: 1 };

/** Negative when `a` may come before `b` in ascending order; direction-independent cases return ±Infinity. */
function compareCells(column: string, a: string, b: string): number {
  switch (column) {
    case 'mtime':
      return Date.parse(a) - Date.parse(b);
    case 'status':
      return (STATUS_RANK[a] ?? 2) - (STATUS_RANK[b] ?? 2);
    case 'email': {
      const ea = a === 'no e-mail' ? '' : a;
      const eb = b === 'no e-mail' ? '' : b;
      if (ea === eb) return 0;
      if (ea === '') return Infinity; // empty last, whatever the direction
      if (eb === '') return -Infinity;
      return collator.compare(ea, eb);
    }
    default:
      return collator.compare(a, b);
  }
}

/** An app with both accepted and pending sessions and no problem file. */
function busyApp(): WorkspaceState['apps'][number] {
  const app = state.apps.find((a) => a.counts.pending > 1 && a.counts.accepted > 1 && a.counts.problems === 0);
  if (!app) throw new Error('the demo folder has no app with both statuses');
  return app;
}

beforeAll(async () => {
  served = await serveDemoFolder({ seed: 7, withProblems: true });
  state = await api<WorkspaceState>('getState');
  browser = await launchChromium();
  opened = await openApp(browser, served.url);
  page = opened.page;
  await waitForApp(page);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('browser mode, end to end', () => {
  it('loads without errors, CSP violations or the token left in the address bar', async () => {
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    expect(opened.errors).toEqual([]);
  });

  it('refuses requests without the token or with a wrong one (401)', async () => {
    const bare = `${served.origin}/`;
    expect((await fetch(bare)).status).toBe(401);
    expect((await fetch(`${bare}?token=wrong`)).status).toBe(401);
    expect((await fetch(`${served.origin}/api/events`)).status).toBe(401);
    const post = await fetch(`${served.origin}/api/getState`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '[]',
    });
    expect(post.status).toBe(401);
    const wrong = await fetch(`${served.origin}/api/getState`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-MSM-Token': `${served.token}x` },
      body: '[]',
    });
    expect(wrong.status).toBe(401);
    // A page from another origin cannot call the API even with the right header.
    const cross = await fetch(`${served.origin}/api/getState`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-MSM-Token': served.token, Origin: 'http://evil.example' },
      body: '[]',
    });
    expect(cross.status).toBe(403);
  });

  it('lists every app folder with its total and pending counts from the disk', async () => {
    const folders = await appFolders(served.mobileApps);
    const shown = await page
      .locator('[data-testid="app-item"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-app')));
    expect([...shown].sort()).toEqual(folders);
    for (const folder of folders) {
      const sessions = await sessionsOnDisk(served.mobileApps, folder);
      const pending = sessions.filter((s) => s.json.status === 'pending').length;
      const item = page.locator(`[data-testid="app-item"][data-app="${folder}"]`);
      await expect.poll(() => item.locator('[data-testid="app-total"]').textContent()).toBe(String(sessions.length));
      if (pending) expect(await item.locator('[data-testid="app-pending"]').textContent()).toBe(String(pending));
      else expect(await item.locator('[data-testid="app-pending"]').count()).toBe(0);
    }
  });

  it('sorts by each column, ascending then descending', async () => {
    await selectApp(page, busyApp().folder);
    await search(page, '');
    const columns: [string, number][] = [
      ['device', 0],
      ['os', 1],
      ['email', 2],
      ['language', 3],
      ['status', 5],
      ['mtime', 6],
    ];
    for (const [key, cell] of columns) {
      const header = page.locator(`button[data-sort="${key}"]`);
      for (const dir of ['ascending', 'descending'] as const) {
        // Click until the header says the direction we want (the first click may pick either).
        for (let i = 0; i < 2 && (await header.locator('xpath=..').getAttribute('aria-sort')) !== dir; i++)
          await header.click();
        expect(await header.locator('xpath=..').getAttribute('aria-sort'), key).toBe(dir);
        const values = (await visibleRows(page)).map((r) => r.cells[cell] ?? '');
        expect(values.length).toBeGreaterThan(3);
        for (let i = 1; i < values.length; i++) {
          const order = compareCells(key, values[i - 1]!, values[i]!);
          const fixed = order === Infinity || order === -Infinity;
          expect(
            dir === 'ascending' || fixed ? order <= 0 : order >= 0,
            `${key} ${dir}: ${values[i - 1]} / ${values[i]}`,
          ).toBe(true);
        }
      }
    }
  });

  it('searches: only matching rows remain, and clearing brings all back', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    const target = (await sessionsOnDisk(served.mobileApps, app.folder)).find(
      (s) => typeof s.json.email === 'string' && s.json.email,
    );
    const email = String(target!.json.email);
    await search(page, email.slice(0, 8));
    await expect
      .poll(async () =>
        (await visibleRows(page)).every(
          (r) => r.cells.join(' ').toLowerCase().includes(email.slice(0, 8).toLowerCase()) || r.id === target!.id,
        ),
      )
      .toBe(true);
    expect((await visibleRows(page)).some((r) => r.id === target!.id)).toBe(true);
    await search(page, 'no-such-device-zzz');
    await expect.poll(async () => (await visibleRows(page)).length).toBe(0);
    await search(page, '');
    await expect.poll(async () => (await visibleRows(page)).length).toBeGreaterThan(3);
  });

  it('changes a status in the row and the file on disk follows, other bytes untouched', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    const pending = (await sessionsOnDisk(served.mobileApps, app.folder)).find((s) => s.json.status === 'pending')!;
    const r = await showOnly(page, pending.id);
    await r.locator('[data-testid="row-status"]').selectOption('accepted');
    await expect
      .poll(async () => (await readSession(served.mobileApps, app.folder, pending.id)).status)
      .toBe('accepted');
    const after = await readFile(join(served.mobileApps, app.folder, pending.id), 'utf8');
    expect(after).toBe(pending.text.replace(/"status"(\s*):(\s*)"pending"/, '"status"$1:$2"accepted"'));
    await expect.poll(() => r.getAttribute('data-status')).toBe('accepted');
    await expect.poll(() => page.locator('[data-testid="unpushed-count"]').textContent()).not.toBe('0');
  });

  it('edits an e-mail inline, refusing an invalid one', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    const session = (await sessionsOnDisk(served.mobileApps, app.folder))[1]!;
    const r = await showOnly(page, session.id);
    await r.locator('[data-testid="email-edit"]').click();
    const input = r.locator('[data-testid="email-input"]');
    await input.fill('not an address');
    await input.press('Enter');
    await r.locator('[data-testid="email-error"]').waitFor();
    expect((await readSession(served.mobileApps, app.folder, session.id)).email).toBe(session.json.email);
    await input.fill('new.admin@example.org');
    await input.press('Enter');
    await expect
      .poll(async () => (await readSession(served.mobileApps, app.folder, session.id)).email)
      .toBe('new.admin@example.org');
    await expect.poll(() => r.locator('.email-cell__text').textContent()).toBe('new.admin@example.org');
  });

  it('filters by status, matching the counts on disk', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    await search(page, '');
    const onDisk = await sessionsOnDisk(served.mobileApps, app.folder);
    const filter = page.locator('[data-testid="status-filter"]');
    await filter.getByRole('radio', { name: 'Pending' }).click();
    const pending = onDisk
      .filter((s) => s.json.status === 'pending')
      .map((s) => s.id)
      .sort();
    await expect.poll(async () => (await visibleRows(page)).map((r) => r.id).sort()).toEqual(pending);
    await filter.getByRole('radio', { name: 'All' }).click();
    await expect.poll(async () => (await visibleRows(page)).length).toBeGreaterThan(pending.length);
  });

  it('changes status and e-mail from the details panel', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    const session = (await sessionsOnDisk(served.mobileApps, app.folder)).find((s) => s.json.status === 'accepted')!;
    const r = await showOnly(page, session.id);
    await r.click();
    const details = page.locator('[data-testid="details-panel"]');
    await expect.poll(() => details.textContent()).toContain(session.id);
    expect(await details.locator('[data-testid="details-location"]').textContent()).toContain(
      join(app.folder, session.id),
    );
    await details.locator('[data-testid="details-status"]').selectOption('pending');
    await expect
      .poll(async () => (await readSession(served.mobileApps, app.folder, session.id)).status)
      .toBe('pending');
    await details.locator('[data-testid="details-email"]').fill('panel.edit@example.net');
    await details.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await readSession(served.mobileApps, app.folder, session.id)).email)
      .toBe('panel.edit@example.net');
    await expect.poll(() => r.getAttribute('data-status')).toBe('pending');
    await search(page, '');
  });

  it('deletes after confirmation, the file goes, and Undo brings it back byte for byte', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    const session = (await sessionsOnDisk(served.mobileApps, app.folder)).at(-1)!;
    const path = join(served.mobileApps, app.folder, session.id);
    const bytes = await readFile(path);
    const r = await showOnly(page, session.id);
    await r.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const dialog = page.locator('[data-testid="confirm-dialog"]');
    await dialog.waitFor();
    expect(await fileExists(path)).toBe(true); // nothing happens before confirmation
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => fileExists(path)).toBe(false);
    await expect.poll(() => r.count()).toBe(0);
    // Every change now offers Undo: take the delete's own toast.
    await page
      .locator('[data-testid="toast"]', { hasText: 'to the trash' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await expect.poll(() => fileExists(path)).toBe(true);
    expect(Buffer.compare(await readFile(path), bytes)).toBe(0);
    await r.waitFor();
  });

  it('offers the right context-menu items on a row and on empty space', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    const session = (await sessionsOnDisk(served.mobileApps, app.folder))[2]!;
    const r = await showOnly(page, session.id);
    await r.click({ button: 'right' });
    const menu = page.locator('[data-testid="context-menu"]');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Show file path',
      'Copy session id',
      'Accept',
      'Hold',
      'Delete…',
    ]);
    await menu.getByRole('menuitem', { name: 'Copy session id' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(session.id);
    await r.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Show file path' }).click();
    const location = page.locator('[data-testid="reveal-location"]');
    await location.waitFor();
    expect(await location.inputValue()).toBe(join(served.mobileApps, app.folder, session.id));
    await page.keyboard.press('Escape');
    await location.waitFor({ state: 'detached' });
    // Empty space of the sessions area, below the only row left by the search.
    const only = await showOnly(page, session.id);
    const rowBox = (await only.boundingBox())!;
    await page.mouse.click(rowBox.x + rowBox.width / 2, rowBox.y + rowBox.height + 120, { button: 'right' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Refresh']);
    await page.keyboard.press('Escape');
    await search(page, '');
  });

  it('follows an external process adding, changing and removing files, without Refresh', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    const rng = createRng(99);
    const id = randomSessionId(rng);
    const path = join(served.mobileApps, app.folder, id);
    const text = buildSessionJson({
      bundleId: app.bundleId,
      teamId: app.teamId,
      sessionId: id,
      platform: app.platform === 'android' ? 'android' : 'ios',
      status: 'pending',
      email: 'outside.writer@example.com',
      seed: 99,
    });
    await search(page, id);
    await writeFile(path, text);
    const r = row(page, id);
    await r.waitFor();
    expect(await r.getAttribute('data-status')).toBe('pending');
    await writeFile(
      path,
      text.replace('"pending"', '"accepted"').replace('outside.writer@example.com', 'changed.outside@example.com'),
    );
    await expect.poll(() => r.getAttribute('data-status')).toBe('accepted');
    await expect.poll(() => r.locator('.email-cell__text').textContent()).toBe('changed.outside@example.com');
    await rm(path);
    await r.waitFor({ state: 'detached' });
    await search(page, '');
  });

  it('lists a broken file under Problems, and one that breaks while the page is open', async () => {
    const problemApp = state.apps.find((a) => a.counts.problems > 0) ?? state.apps[0]!;
    await page.locator('[data-testid="problems-item"]').click();
    const view = page.locator('[data-testid="problems-view"]');
    await view.waitFor();
    const rows = view.locator('[data-testid="problem-row"]');
    await expect.poll(() => rows.count()).toBe(state.problems.length);
    expect(state.problems.length).toBeGreaterThan(0);
    expect(await rows.first().getAttribute('data-code')).toBe('malformed-json');
    expect(await rows.first().textContent()).toContain(state.problems[0]!.file);
    // Break a good file from outside: it moves to Problems.
    const victim = (await sessionsOnDisk(served.mobileApps, problemApp.folder))[0]!;
    await writeFile(join(served.mobileApps, problemApp.folder, victim.id), '{"status": "accepted", ');
    await expect.poll(() => rows.count()).toBe(state.problems.length + 1);
    expect(await view.textContent()).toContain(victim.id);
    expect(await page.locator('[data-testid="problems-count"]').textContent()).toBe(String(state.problems.length + 1));
    await writeFile(join(served.mobileApps, problemApp.folder, victim.id), victim.text);
    await expect.poll(() => rows.count()).toBe(state.problems.length);
  });

  it('works from the keyboard: arrows, Space, Enter, Delete with confirmation, Ctrl+F', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    await search(page, '');
    const table = page.locator('[data-testid="sessions-table"]');
    await table.focus();
    await page.keyboard.press('Home');
    const selected = () => page.locator('[data-testid="session-row"][aria-selected="true"]').getAttribute('data-id');
    const first = (await visibleRows(page))[0]!.id;
    await expect.poll(selected).toBe(first);
    await page.keyboard.press('ArrowDown');
    const second = (await visibleRows(page))[1]!.id;
    await expect.poll(selected).toBe(second);
    // Space toggles the status of the selected session, on disk.
    const before = (await readSession(served.mobileApps, app.folder, second)).status;
    await page.keyboard.press(' ');
    await expect
      .poll(async () => (await readSession(served.mobileApps, app.folder, second)).status)
      .toBe(before === 'accepted' ? 'pending' : 'accepted');
    // Enter opens the details of the selected session.
    await page.keyboard.press('Enter');
    const details = page.locator('[data-testid="details-panel"]');
    await expect.poll(() => details.textContent()).toContain(second);
    // Delete asks first; Escape cancels and the file stays.
    await table.focus();
    await page.keyboard.press('Delete');
    const dialog = page.locator('[data-testid="confirm-dialog"]');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await fileExists(join(served.mobileApps, app.folder, second))).toBe(true);
    // Ctrl+F focuses the search field.
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
  });

  it('obeys the commands the desktop menu sends through the preload (msm:menu DOM events)', async () => {
    await page.locator('[data-testid="sessions-table"]').focus();
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('msm:menu', { detail: 'find' })));
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('msm:menu', { detail: 'push-settings' })));
    await page.locator('[data-testid="push-settings-dialog"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="push-settings-dialog"]').waitFor({ state: 'detached' });
  });

  it('reports no page errors over the whole session', () => {
    expect(opened.errors).toEqual([]);
  });
});

// Issue 6 in browser mode, end to end: the approval inbox (live), bulk Accept with
// one Undo (checked on disk), filters remembered across a reload, export content
// (Playwright's download event), the Activity view showing the audit log, and
// screenshots of the inbox and of a bulk selection in light and dark.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { WorkspaceState } from '../../shared/types';
import { buildSessionJson, createRng, randomSessionId } from '../../electron/engine/demo/demo-folder';
import {
  callApi,
  launchChromium,
  openApp,
  SCREENSHOTS,
  serveDemoFolder,
  type OpenedPage,
  type ServedFolder,
} from './harness';
import { readSession, selectApp, sessionsOnDisk, visibleRows, waitForApp } from './ui';

let served: ServedFolder;
let browser: Browser;
let opened: OpenedPage;
let page: Page;
let state: WorkspaceState;

function api<T>(method: string, args: unknown[] = []): Promise<T> {
  return callApi<T>(served, method, args);
}

async function pendingOnDisk(): Promise<{ app: string; id: string }[]> {
  const out: { app: string; id: string }[] = [];
  for (const app of state.apps) {
    for (const s of await sessionsOnDisk(served.mobileApps, app.folder))
      if (s.json.status === 'pending') out.push({ app: app.folder, id: s.id });
  }
  return out;
}

/** An app with several pending sessions and no problem file. */
function busyApp(): WorkspaceState['apps'][number] {
  const app = [...state.apps]
    .sort((a, b) => b.counts.pending - a.counts.pending)
    .find((a) => a.counts.problems === 0 && a.counts.pending > 2);
  if (!app) throw new Error('the demo folder has no app with several pending sessions');
  return app;
}

async function unpushed(): Promise<number> {
  return Number(await page.locator('[data-testid="unpushed-count"]').textContent());
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

describe('beyond the component, end to end', () => {
  it('the inbox lists every pending session of every app, newest first, and the title counts them', async () => {
    const pending = await pendingOnDisk();
    expect(pending.length).toBeGreaterThan(3);
    await expect.poll(() => page.locator('[data-testid="inbox-count"]').textContent()).toBe(String(pending.length));
    await expect.poll(() => page.title()).toBe(`Mobile Session Manager (${pending.length} pending)`);
    await page.locator('[data-testid="inbox-item"]').click();
    const rows = page.locator('[data-testid="inbox-row"]');
    // The inbox is virtualized like the sessions table: its grid counts every row, and
    // scrolling through it shows each one once.
    const grid = page.locator('[data-testid="inbox-grid"]');
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(pending.length + 1));
    const shown = await grid.evaluate(async (el) => {
      const seen = new Map<number, { app: string; id: string; time: string }>();
      for (let top = 0; ; top += Math.max(40, el.clientHeight - 80)) {
        el.scrollTop = top;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        for (const e of el.querySelectorAll('[data-testid="inbox-row"]')) {
          seen.set(Number(e.getAttribute('aria-rowindex')), {
            app: e.getAttribute('data-app') ?? '',
            id: e.getAttribute('data-id') ?? '',
            time: e.querySelector('time')?.getAttribute('datetime') ?? '',
          });
        }
        if (top >= el.scrollHeight - el.clientHeight) break;
      }
      el.scrollTop = 0;
      return [...seen].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
    });
    expect(shown).toHaveLength(pending.length);
    expect(shown.map((r) => `${r.app}/${r.id}`).sort()).toEqual(pending.map((r) => `${r.app}/${r.id}`).sort());
    const times = shown.map((r) => Date.parse(r.time));
    for (let i = 1; i < times.length; i++) expect(times[i - 1]!).toBeGreaterThanOrEqual(times[i]!);
    // The app column shows the app's name.
    const first = state.apps.find((a) => a.folder === shown[0]!.app)!;
    expect(await rows.first().locator('.inbox-row__app').textContent()).toContain(first.name);
  });

  it('a device that logs in while the page is open appears in the inbox with a toast', async () => {
    const app = busyApp();
    const rng = createRng(4242);
    const id = randomSessionId(rng);
    const text = buildSessionJson({
      bundleId: app.bundleId,
      teamId: app.teamId,
      sessionId: id,
      platform: app.platform === 'android' ? 'android' : 'ios',
      status: 'pending',
      email: 'new.device@example.com',
      seed: 4242,
    });
    await writeFile(join(served.mobileApps, app.folder, id), text);
    const row = page.locator(`[data-testid="inbox-row"][data-id="${id}"]`);
    await row.waitFor();
    await expect
      .poll(() => page.locator('[data-testid="toast"]').allTextContents())
      .toContainEqual(expect.stringContaining('waiting for approval'));
    // Accept from the inbox: the file follows and the row leaves.
    await row.locator('[data-testid="inbox-accept"]').click();
    await expect.poll(async () => (await readSession(served.mobileApps, app.folder, id)).status).toBe('accepted');
    await row.waitFor({ state: 'detached' });
  });

  it('bulk Accept on a filtered selection changes every file; one Undo brings them all back', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    await page.locator('[data-testid="status-filter"]').getByRole('radio', { name: 'Pending' }).click();
    const pending = (await sessionsOnDisk(served.mobileApps, app.folder))
      .filter((s) => s.json.status === 'pending')
      .map((s) => s.id);
    await expect.poll(async () => (await visibleRows(page)).length).toBe(pending.length);
    const before = await unpushed();
    await page.locator('[data-testid="select-all"]').check();
    await expect
      .poll(() => page.locator('[data-testid="selection-count"]').textContent())
      .toBe(`${pending.length} selected`);
    await page.locator('[data-testid="bulk-accept"]').click();
    await expect
      .poll(async () =>
        Promise.all(pending.map(async (id) => (await readSession(served.mobileApps, app.folder, id)).status)),
      )
      .toEqual(pending.map(() => 'accepted'));
    // Push counts sessions: every accepted session not already counted adds one.
    await expect.poll(unpushed).toBeGreaterThan(before);
    expect(await unpushed()).toBeLessThanOrEqual(before + pending.length);
    const toast = page.locator('[data-testid="toast"]', { hasText: `${pending.length} sessions set to Accepted` });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect
      .poll(async () =>
        Promise.all(pending.map(async (id) => (await readSession(served.mobileApps, app.folder, id)).status)),
      )
      .toEqual(pending.map(() => 'pending'));
    await expect.poll(async () => (await visibleRows(page)).length).toBe(pending.length);
    await page.locator('[data-testid="status-filter"]').getByRole('radio', { name: 'All' }).click();
  });

  it('Shift-click selects a range and Delete… names the count per app before anything happens', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    const rows = await visibleRows(page);
    await page.locator(`[data-testid="session-row"][data-id="${rows[1]!.id}"]`).click({ position: { x: 200, y: 16 } });
    await page
      .locator(`[data-testid="session-row"][data-id="${rows[3]!.id}"]`)
      .click({ position: { x: 200, y: 16 }, modifiers: ['Shift'] });
    await expect.poll(() => page.locator('[data-testid="selection-count"]').textContent()).toBe('3 selected');
    await page.locator('[data-testid="bulk-delete"]').click();
    const dialog = page.locator('[data-testid="confirm-dialog"]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid="delete-summary"]').textContent()).toBe(
      `3 sessions of ${app.name} will be deleted:`,
    );
    expect(
      await dialog.locator(`[data-testid="delete-per-app"] li[data-app="${app.folder}"]`).getAttribute('data-count'),
    ).toBe('3');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    for (const r of rows.slice(1, 4))
      expect((await sessionsOnDisk(served.mobileApps, app.folder)).some((s) => s.id === r.id)).toBe(true);
    await page.locator('[data-testid="selection-clear"]').click();
  });

  it('filters combine, show as "Filters (n)" and are remembered for the folder after a reload', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    await page.locator('[data-testid="filters-button"]').click();
    const panel = page.locator('[data-testid="filters-panel"]');
    await panel.getByLabel('Simulator').selectOption('no');
    await panel.getByLabel('Status').selectOption('accepted');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="filters-count"]').textContent()).toBe('2');
    const expected = (await sessionsOnDisk(served.mobileApps, app.folder))
      .filter((s) => s.json.status === 'accepted' && (s.json.device as { simulator?: boolean }).simulator !== true)
      .map((s) => s.id)
      .sort();
    await expect.poll(async () => (await visibleRows(page)).map((r) => r.id).sort()).toEqual(expected);
    await page.reload();
    await waitForApp(page);
    await selectApp(page, app.folder);
    await expect.poll(() => page.locator('[data-testid="filters-count"]').textContent()).toBe('2');
    await expect.poll(async () => (await visibleRows(page)).map((r) => r.id).sort()).toEqual(expected);
    await page.locator('[data-testid="filters-button"]').click();
    await page.locator('[data-testid="filters-reset"]').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="filters-count"]').count()).toBe(0);
  });

  it('exports the filtered, sorted view to CSV and JSON with exactly its rows, in order', async () => {
    const app = busyApp();
    await selectApp(page, app.folder);
    await page.locator('[data-testid="status-filter"]').getByRole('radio', { name: 'Pending' }).click();
    const header = page.locator('button[data-sort="device"]');
    for (let i = 0; i < 2 && (await header.locator('xpath=..').getAttribute('aria-sort')) !== 'ascending'; i++)
      await header.click();
    const shownIds = (await visibleRows(page)).map((r) => r.id);
    expect(shownIds.length).toBeGreaterThan(1);
    await page.locator('[data-testid="list-header"] [data-testid="export-button"]').click();
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="export-csv"]').click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/^sessions-[a-z0-9-]+-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const csv = (await readFile((await csvDownload.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'app,id,status,email,device,deviceId,os,osVersion,simulator,language,ip,appVersion,changed,size,warnings',
    );
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(shownIds);
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'pending')).toBe(true);
    await page.locator('[data-testid="list-header"] [data-testid="export-button"]').click();
    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="export-json"]').click(),
    ]);
    const json = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8')) as { id: string; app: string }[];
    expect(json.map((r) => r.id)).toEqual(shownIds);
    expect(new Set(json.map((r) => r.app))).toEqual(new Set([app.folder]));
    await page.locator('[data-testid="status-filter"]').getByRole('radio', { name: 'All' }).click();
  });

  it('the Activity view shows the audit log entries of the actions above, and exports them', async () => {
    await page.locator('[data-testid="activity-item"]').click();
    const view = page.locator('[data-testid="activity-view"]');
    await view.waitFor();
    const rows = view.locator('[data-testid="activity-row"]');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const actions = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    // Newest first: the undo of the bulk accept, the bulk accept, the inbox accept.
    expect(actions.slice(0, 3)).toEqual(['undo', 'set-status', 'set-status']);
    const bulk = rows.nth(1);
    expect(await bulk.locator('.activity__before').first().textContent()).toBe('pending');
    expect(await bulk.locator('.activity__after').first().textContent()).toBe('accepted');
    expect(await bulk.textContent()).toContain('Not pushed');
    await view.locator('[data-testid="activity-action"]').selectOption('undo');
    await expect.poll(() => rows.count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      view.locator('[data-testid="activity-export"]').click(),
    ]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')[0]).toBe('time,user,folder,action,actionId,pushed,app,id,before,after');
    expect(csv.split('\r\n').filter((l) => l.includes(',undo,')).length).toBeGreaterThan(0);
    await view.locator('[data-testid="activity-action"]').selectOption('all');
  });

  it('reports no page errors over the whole session', () => {
    expect(opened.errors).toEqual([]);
  });
});

describe.each(['light', 'dark'] as const)('screenshots of the inbox and a bulk selection (%s)', (theme) => {
  let shotPage: Page;

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    // The clock is not fixed here: the files' times come from this run (the actions above), so real time reads right.
    const o = await openApp(browser, served.url, theme);
    shotPage = o.page;
    await waitForApp(shotPage);
  });

  afterAll(async () => {
    await shotPage?.context().close();
  });

  async function shot(name: string): Promise<void> {
    await shotPage.evaluate(() => document.fonts.ready);
    await shotPage.screenshot({
      path: join(SCREENSHOTS, `${name}-${theme}.png`),
      animations: 'disabled',
      caret: 'hide',
    });
  }

  it('inbox', async () => {
    await shotPage.locator('[data-testid="inbox-item"]').click();
    await shotPage.locator('[data-testid="inbox-row"]').first().waitFor();
    const rows = shotPage.locator('[data-testid="inbox-row"]');
    await rows.nth(1).locator('input[type="checkbox"]').check();
    await rows.nth(2).locator('input[type="checkbox"]').check();
    await shot('inbox');
    await shotPage.keyboard.press('Escape');
  });

  it('bulk selection', async () => {
    const app = busyApp();
    await selectApp(shotPage, app.folder);
    const rows = await visibleRows(shotPage);
    await shotPage
      .locator(`[data-testid="session-row"][data-id="${rows[2]!.id}"]`)
      .click({ position: { x: 200, y: 16 } });
    await shotPage
      .locator(`[data-testid="session-row"][data-id="${rows[6]!.id}"]`)
      .click({ position: { x: 200, y: 16 }, modifiers: ['Shift'] });
    await shotPage
      .locator(`[data-testid="session-row"][data-id="${rows[9]!.id}"]`)
      .click({ position: { x: 200, y: 16 }, modifiers: ['Control'] });
    await shotPage.locator('[data-testid="selection-count"]').waitFor();
    await shot('bulk-selection');
    await shotPage.locator('[data-testid="bulk-delete"]').click();
    await shotPage.locator('[data-testid="confirm-dialog"]').waitFor();
    await shot('bulk-delete-confirm');
    await shotPage.keyboard.press('Escape');
  });
});

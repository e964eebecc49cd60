// Issue 12: every change confirms with Undo, and Undo restores the file byte for byte.
// A single status change from the keyboard (Space on a row) shows a toast with Undo; the
// row stays where it was under the default Last-changed sort (it does not jump to the top).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceState } from '../../shared/types';
import { callApi, launchChromium, openApp, serveDemoFolder, type ServedFolder } from './harness';
import { row, selectApp, visibleRows, waitForApp } from './ui';

let served: ServedFolder;
let browser: Browser;
let page: Page;
let state: WorkspaceState;
/** The app the first test opens; the second one stays in it. */
let appFolder = '';

beforeAll(async () => {
  served = await serveDemoFolder({ seed: 11, withProblems: false });
  state = await callApi<WorkspaceState>(served, 'getState');
  browser = await launchChromium();
  ({ page } = await openApp(browser, served.url));
  await waitForApp(page);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('Undo after every change', () => {
  it('Space on a row: toast with Undo, the row stays put, Undo restores the exact bytes', async () => {
    const app = [...state.apps].sort((a, b) => b.counts.total - a.counts.total)[0]!;
    appFolder = app.folder;
    await selectApp(page, app.folder);
    const rows = await visibleRows(page);
    expect(rows.length).toBeGreaterThan(3);
    // The third row: under Last changed (newest first) a change would move it to the top.
    const target = rows[2]!;
    const path = join(served.mobileApps, app.folder, target.id);
    const before = await readFile(path);

    await row(page, target.id).locator('[role="gridcell"]').nth(1).click();
    await page.keyboard.press('Space');
    const expected = target.status === 'accepted' ? 'pending' : 'accepted';
    await expect
      .poll(async () => (JSON.parse(await readFile(path, 'utf8')) as { status: string }).status)
      .toBe(expected);
    await expect.poll(() => row(page, target.id).getAttribute('data-status')).toBe(expected);
    // The row did not jump away from the pointer.
    expect((await visibleRows(page)).map((r) => r.id).indexOf(target.id)).toBe(2);

    const toast = page.getByTestId('toast').filter({ hasText: 'set to' }).last();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await readFile(path)).equals(before)).toBe(true);
    await expect.poll(() => row(page, target.id).getAttribute('data-status')).toBe(target.status);
  });

  it('an e-mail edit from the details panel confirms with Undo, which restores the bytes', async () => {
    const rows = await visibleRows(page);
    const target = rows[0]!;
    const path = join(served.mobileApps, appFolder, target.id);
    const before = await readFile(path);
    await row(page, target.id).locator('[role="gridcell"]').nth(1).click();
    const email = page.getByTestId('details-email');
    await email.fill('undo.check@example.com');
    await email.press('Enter');
    const toast = page.getByTestId('toast').filter({ hasText: 'E-mail of' }).last();
    await toast.waitFor();
    await expect.poll(async () => (await readFile(path, 'utf8')).includes('undo.check@example.com')).toBe(true);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await readFile(path)).equals(before)).toBe(true);
  });
});

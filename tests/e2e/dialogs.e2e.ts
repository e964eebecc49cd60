// Issue 12: dialogs in browser mode. Push settings work without --push-url (URL saved in
// the data dir, a typed secret kept in memory only) and Test connection reaches the 4D
// peer; focus stays in the dialog after the test, Escape closes it and focus returns to
// the opener. The delete confirmation names device, e-mail and short id. Clean up is
// scoped to the current app and shows Last changed without sideways scroll. Enter on the
// table goes to the details panel and Escape comes back.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceState } from '../../shared/types';
import { startFourDPeer, type FourDPeer } from '../peer/four-d-peer';
import { callApi, launchChromium, openApp, serveDemoFolder, type ServedFolder } from './harness';
import { row, selectApp, visibleRows, waitForApp } from './ui';

const SECRET = 'e2e-Typed_Secret_0123456789';

let served: ServedFolder;
let peer: FourDPeer;
let browser: Browser;
let page: Page;
let state: WorkspaceState;

/** The data-testid of the focused element, or its tag. */
function focused(): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? el?.tagName.toLowerCase() ?? 'none';
  });
}

beforeAll(async () => {
  peer = await startFourDPeer({ secret: SECRET });
  served = await serveDemoFolder({ seed: 5, withProblems: false });
  state = await callApi<WorkspaceState>(served, 'getState');
  browser = await launchChromium();
  ({ page } = await openApp(browser, served.url));
  await waitForApp(page);
  const app = [...state.apps].sort((a, b) => b.counts.total - a.counts.total)[0]!;
  await selectApp(page, app.folder);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await peer?.close();
});

describe('dialogs and focus', () => {
  it('Push settings in browser mode: save, Test connection succeeds, focus kept, Escape closes, focus restored', async () => {
    const opener = page.getByTestId('push-settings-button');
    await opener.click();
    const dialog = page.getByTestId('push-settings-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('push-setup').locator('summary').click();
    expect(await dialog.getByTestId('push-setup').textContent()).toContain('MSM_RefreshSessions');
    await dialog.getByLabel('Push URL').fill(peer.url);
    await dialog.locator('input[type="password"]').fill(SECRET);
    await dialog.getByTestId('test-connection').click();
    await expect.poll(() => dialog.getByTestId('test-result').getAttribute('data-outcome')).toBe('success');
    expect(peer.requests.some((r) => r.authorized && JSON.parse(r.body).action === 'ping')).toBe(true);
    // Focus did not fall to the page.
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="push-settings-dialog"]'))).toBe(
      true,
    );
    const settings = await readFile(join(served.dataDir, 'settings.json'), 'utf8');
    expect(settings).toContain(peer.url);
    expect(settings).not.toContain(SECRET);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused()).toBe('push-settings-button');
  });

  it('the delete confirmation names device, e-mail and short id; Escape cancels', async () => {
    const first = (await visibleRows(page))[0]!;
    await row(page, first.id).locator('[role="gridcell"]').nth(1).click();
    await page.keyboard.press('Delete');
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('delete-id').textContent()).toBe(`${first.id.slice(0, 8)}…`);
    expect((await dialog.getByTestId('delete-device').textContent())?.length).toBeGreaterThan(0);
    expect((await dialog.getByTestId('delete-email').textContent())?.length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused()).toBe('sessions-table');
  });

  it('Enter on the table focuses the details panel; Escape brings the focus back to the table', async () => {
    const first = (await visibleRows(page))[0]!;
    await row(page, first.id).locator('[role="gridcell"]').nth(1).click();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.closest('[data-testid="details-panel"]')))
      .toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('sessions-table');
  });

  it('Clean up is scoped to the current app and shows Last changed without sideways scroll', async () => {
    await page.getByTestId('cleanup-button').click();
    const dialog = page.getByTestId('cleanup-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('cleanup-scope-app').getAttribute('aria-checked')).toBe('true');
    await dialog.getByTestId('cleanup-days').fill('1');
    await dialog.getByTestId('cleanup-row').first().waitFor();
    const fits = await dialog.locator('.mini-table__scroll').evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    const changed = await dialog.getByTestId('cleanup-changed').first().boundingBox();
    const box = await dialog.locator('.mini-table__scroll').boundingBox();
    expect(changed!.x + changed!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

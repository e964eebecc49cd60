// Issue 12: the approval inbox from the keyboard. The grid is one Tab stop (not three
// per row); arrows move, Space checks, Shift+arrows extend; Enter opens the session in
// its app's table.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openApp, serveDemoFolder, type ServedFolder } from './harness';
import { readSession, waitForApp } from './ui';

let served: ServedFolder;
let browser: Browser;
let page: Page;

function focusedTestId(): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

beforeAll(async () => {
  served = await serveDemoFolder({ seed: 7, withProblems: false });
  browser = await launchChromium();
  ({ page } = await openApp(browser, served.url));
  await waitForApp(page);
  await page.getByTestId('inbox-item').click();
  await page.getByTestId('inbox-row').nth(2).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('inbox keyboard', () => {
  it('is one Tab stop: no row control is in the Tab order', async () => {
    const tabbable = await page
      .getByTestId('inbox-grid')
      .locator('.tbody button, .tbody input, .tbody [tabindex="0"]')
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).tabIndex >= 0).length);
    expect(tabbable).toBe(0);
    expect(await page.getByTestId('inbox-grid').getAttribute('tabindex')).toBe('0');
  });

  it('arrows move, Space checks, Shift+arrows extend; after a bulk Accept the grid still drives the keyboard', async () => {
    const grid = page.getByTestId('inbox-grid');
    await grid.focus();
    expect(await focusedTestId()).toBe('inbox-grid');
    await page.keyboard.press('Space'); // checks the first row (current on focus)
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('2 selected');
    const keys = await page
      .locator('[data-testid="inbox-row"][aria-selected="true"]')
      .evaluateAll((els) => els.map((e) => ({ app: e.getAttribute('data-app')!, id: e.getAttribute('data-id')! })));
    expect(keys).toHaveLength(2);
    await page.getByTestId('selection-bar').getByTestId('bulk-accept').click();
    for (const k of keys)
      await expect.poll(async () => (await readSession(served.mobileApps, k.app, k.id)).status).toBe('accepted');
    await page.getByTestId('toast').filter({ hasText: 'set to Accepted' }).last().waitFor();
    // Back on the grid with the keyboard: the arrows work again.
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    expect(await grid.getAttribute('aria-activedescendant')).toBeTruthy();
  });

  it('Enter opens the current session in its app’s table', async () => {
    const grid = page.getByTestId('inbox-grid');
    await grid.focus();
    await page.keyboard.press('Home');
    const id = await page.locator('[data-testid="inbox-row"].row--current').getAttribute('data-id');
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="session-row"][data-id="${id}"]`).waitFor();
    await expect
      .poll(() => page.locator(`[data-testid="session-row"][data-id="${id}"]`).getAttribute('aria-selected'))
      .toBe('true');
  });
});

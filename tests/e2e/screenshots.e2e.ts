// Screenshots of each main screen, light and dark, into docs/screenshots/ (shown
// in the README). Taken against a real served folder, with the page's clock
// fixed so relative times ("3 weeks ago") read the same on every run.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, SCREENSHOTS, serveDemoFolder, type ServedFolder } from './harness';
import { selectApp, visibleRows, waitForApp } from './ui';

const FIXED_NOW = new Date('2025-02-14T10:00:00Z');
const THEMES = ['light', 'dark'] as const;

let served: ServedFolder;
let browser: Browser;

beforeAll(async () => {
  served = await serveDemoFolder({ seed: 7, withProblems: true, now: Date.UTC(2025, 0, 31, 12, 0, 0) });
  browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

/** The app with the most sessions: the fullest table to show. */
async function busiestApp(page: Page): Promise<string> {
  const items = await page.locator('[data-testid="app-item"]').evaluateAll((els) =>
    els.map((e) => ({
      app: e.getAttribute('data-app') ?? '',
      total: Number(e.querySelector('[data-testid="app-total"]')?.textContent ?? 0),
    })),
  );
  items.sort((a, b) => b.total - a.total);
  return items[0]!.app;
}

describe.each(THEMES)('screenshots (%s)', (theme) => {
  let page: Page;

  beforeAll(async () => {
    const opened = await openApp(browser, 'about:blank', theme);
    page = opened.page;
    await page.clock.setFixedTime(FIXED_NOW);
    await page.goto(served.url);
    await waitForApp(page);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(theme === 'dark');
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('sessions view', async () => {
    await selectApp(page, await busiestApp(page));
    await shot(page, `sessions-${theme}`);
  });

  it('details panel', async () => {
    const rows = await visibleRows(page);
    const withWarnings = rows.find((r) => r.status === 'pending') ?? rows[0]!;
    await page.locator(`[data-testid="session-row"][data-id="${withWarnings.id}"]`).click();
    await expect.poll(() => page.locator('[data-testid="details-panel"]').textContent()).toContain(withWarnings.id);
    await shot(page, `details-${theme}`);
  });

  it('context menu', async () => {
    const rows = await visibleRows(page);
    const target = page.locator(`[data-testid="session-row"][data-id="${rows[3]!.id}"]`);
    await target.click({ button: 'right', position: { x: 120, y: 16 } });
    await page.locator('[data-testid="context-menu"]').waitFor();
    await shot(page, `context-menu-${theme}`);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="context-menu"]').waitFor({ state: 'detached' });
  });

  it('push settings dialog', async () => {
    await page.locator('[data-testid="push-settings-button"]').click();
    await page.getByRole('dialog').waitFor();
    await shot(page, `push-settings-${theme}`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('needs approval (inbox)', async () => {
    await page.locator('[data-testid="inbox-item"]').click();
    await page.locator('[data-testid="inbox-view"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="inbox-summary"]').textContent()).not.toBe('');
    await shot(page, `inbox-${theme}`);
  });

  it('problems view', async () => {
    await page.locator('[data-testid="problems-item"]').click();
    await page.locator('[data-testid="problem-row"]').first().waitFor();
    await shot(page, `problems-${theme}`);
  });
});

// Accessibility: axe-core (WCAG 2.1 A and AA rules) over every view of the real app, in
// light and dark, with the details panel and a dialog open: no serious or critical
// violation (contrast, names, landmarks, focusable scroll regions...). A failure lists
// each rule with the elements it flagged, so the fix is in the message.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openApp, serveDemoFolder, type ServedFolder } from './harness';
import { selectApp, visibleRows, waitForApp } from './ui';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let served: ServedFolder;
let browser: Browser;

beforeAll(async () => {
  served = await serveDemoFolder({ seed: 7, withProblems: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** The serious and critical violations on the page now, one line per element. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: page as never }).withTags(WCAG_TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim()}`,
      ),
    );
}

describe.each(['light', 'dark'] as const)('axe-core, %s', (theme) => {
  let page: Page;

  beforeAll(async () => {
    page = (await openApp(browser, served.url, theme)).page;
    // Animations off (the app honours reduced motion): a row's flash must not be measured half-way.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await waitForApp(page);
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('main view', async () => {
    const first = await page.locator('[data-testid="app-item"]').first().getAttribute('data-app');
    await selectApp(page, first!);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await violations(page)).toEqual([]);
  });

  it('details panel open, row selected', async () => {
    const id = (await visibleRows(page))[0]!.id;
    await page.locator(`[data-testid="session-row"][data-id="${id}"]`).click();
    await expect.poll(() => page.locator('[data-testid="details-panel"]').textContent()).toContain(id);
    await page.locator('[data-testid="sessions-table"]').focus();
    expect(await violations(page)).toEqual([]);
  });

  it('a dialog open', async () => {
    await page.locator('[data-testid="push-settings-button"]').click();
    await page.getByRole('dialog').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('search across apps', async () => {
    await page.locator('[data-testid="search"]').fill('zz-no-such-device');
    await page.locator('[data-testid="search-results"]').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.locator('[data-testid="search"]').fill('');
  });

  it('the inbox', async () => {
    await page.locator('[data-testid="inbox-item"]').click();
    await page.locator('[data-testid="inbox-view"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="inbox-summary"]').textContent()).not.toBe('');
    expect(await violations(page)).toEqual([]);
  });

  it('Problems', async () => {
    await page.locator('[data-testid="problems-item"]').click();
    await page.locator('[data-testid="problem-row"]').first().waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('Activity', async () => {
    await page.locator('[data-testid="activity-item"]').click();
    await page.locator('[data-testid="activity-view"]').waitFor();
    expect(await violations(page)).toEqual([]);
  });

  it('Clean up dialog', async () => {
    const first = await page.locator('[data-testid="app-item"]').first().getAttribute('data-app');
    await selectApp(page, first!);
    await page.locator('[data-testid="cleanup-button"]').click();
    await page.getByRole('dialog').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });
});

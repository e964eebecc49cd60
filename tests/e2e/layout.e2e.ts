// Layout at 1280×800 (a 13–14" laptop) with the default sidebar: typical values show
// WHOLE — a 20-character device name, an OS with its version, the status, a 32-character
// e-mail, every header — checked as "the text's box fits inside its clipping box"
// (scrollWidth <= clientWidth). At 1024×768 columns hide by priority, never overlap.
// Also: the details panel takes room only while a session is selected; columns and the
// sidebar resize (pointer and keyboard) and the widths are remembered.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSessionJson } from '../../electron/engine/demo/demo-folder';
import { launchChromium, openApp, serveDemoFolder, type ServedFolder } from './harness';
import { row, selectApp, showOnly, waitForApp } from './ui';

const IOS_APP = 'UTT7VDX8W5.com.contactApp.Contact';
const ANDROID_APP = 'com.fourd.fieldservice';
const IPAD_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4';
const PIXEL_ID = 'f0e1d2c3b4a5968778695a4b3c2d1e0f00112233';
const EMAIL_32 = 'camille.durand-lefebvre@acme.com';

let served: ServedFolder;
let browser: Browser;

async function writeTypicalSessions(mobileApps: string): Promise<void> {
  const ipad = JSON.parse(
    buildSessionJson({
      bundleId: 'com.contactApp.Contact',
      teamId: 'UTT7VDX8W5',
      appName: 'Contact',
      sessionId: IPAD_ID,
      status: 'accepted',
      email: EMAIL_32,
      seed: 3,
    }),
  ) as Record<string, unknown>;
  ipad.device = {
    description: 'iPad Air (5th gen.) X',
    os: 'iPadOS',
    version: '17.4',
    id: 'C0FFEE00-0000-4000-8000-000000000001',
  };
  await writeFile(join(mobileApps, IOS_APP, IPAD_ID), JSON.stringify(ipad, null, 2));
  const pixel = JSON.parse(
    buildSessionJson({
      bundleId: 'com.fourd.fieldservice',
      platform: 'android',
      appName: 'Field Service',
      sessionId: PIXEL_ID,
      status: 'pending',
      email: EMAIL_32,
      seed: 4,
    }),
  ) as Record<string, unknown>;
  pixel.device = {
    description: 'Pixel 8 Pro',
    os: 'Android',
    version: '34 (Android 14)',
    id: '00112233aabbccdd',
    simulator: false,
  };
  await writeFile(join(mobileApps, ANDROID_APP, PIXEL_ID), JSON.stringify(pixel, null, 2));
}

beforeAll(async () => {
  served = await serveDemoFolder({ seed: 7, withProblems: true });
  await writeTypicalSessions(served.mobileApps);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** Texts that do not fit their box, as "text (scrollWidth > clientWidth)". */
async function cutTexts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) =>
    els
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => `${el.textContent?.trim()} (${el.scrollWidth} > ${el.clientWidth})`),
  );
}

async function rowCuts(page: Page, id: string): Promise<string[]> {
  const r = row(page, id);
  await r.waitFor();
  const sel = `[data-testid="session-row"][data-id="${id}"]`;
  return cutTexts(
    page,
    `${sel} .col--device .cell__text, ${sel} .col--os .cell__text, ${sel} .email-cell__text, ${sel} .col--status select`,
  );
}

describe('at 1280×800', () => {
  let page: Page;

  beforeAll(async () => {
    page = (await openApp(browser, served.url)).page;
    await waitForApp(page);
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('shows device, OS with version, 32-character e-mail and status whole, and every header', async () => {
    await selectApp(page, IOS_APP);
    await showOnly(page, IPAD_ID);
    expect(await page.locator('[data-testid="details-panel"]').count()).toBe(0); // nothing selected: the table has the room
    expect(await row(page, IPAD_ID).locator('.col--os').textContent()).toBe('iPadOS 17.4');
    expect(await rowCuts(page, IPAD_ID)).toEqual([]);
    expect(await cutTexts(page, '.header-button__label')).toEqual([]);
    expect(await page.locator('.col--language.cell--header').isVisible()).toBe(true);
    expect(await page.locator('.col--changed.cell--header').isVisible()).toBe(true);

    await page.locator('[data-testid="search"]').fill('');
    await selectApp(page, ANDROID_APP);
    await showOnly(page, PIXEL_ID);
    expect(await row(page, PIXEL_ID).locator('.col--os').textContent()).toBe('Android 14');
    expect(await rowCuts(page, PIXEL_ID)).toEqual([]);
    await page.locator('[data-testid="search"]').fill('');
  });

  it('opens the details panel for a selected session only', async () => {
    await row(page, PIXEL_ID).click();
    await expect.poll(() => page.locator('[data-testid="details-panel"]').textContent()).toContain(PIXEL_ID);
    await page.locator('[data-testid="details-toggle"]').click(); // the user closes it: remembered
    expect(await page.locator('[data-testid="details-panel"]').count()).toBe(0);
    await page.reload();
    await waitForApp(page);
    await selectApp(page, ANDROID_APP);
    await row(page, PIXEL_ID).click();
    expect(await page.locator('[data-testid="details-panel"]').count()).toBe(0);
    await page.locator('[data-testid="details-toggle"]').click();
    await page.locator('[data-testid="details-panel"]').waitFor();
  });

  it('resizes a column with the keyboard and the pointer, and remembers it', async () => {
    const header = page.locator('.col--device.cell--header');
    const before = (await header.boundingBox())!.width;
    const handle = page.locator('[data-testid="resize-device"]');
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Math.round((await header.boundingBox())!.width)).toBe(Math.round(before) + 32);
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await header.boundingBox())!.width)).toBe(Math.round(before) + 72);
    await page.reload();
    await waitForApp(page);
    await selectApp(page, ANDROID_APP);
    await expect
      .poll(async () => Math.round((await page.locator('.col--device.cell--header').boundingBox())!.width))
      .toBe(Math.round(before) + 72);
    await page.locator('[data-testid="resize-device"]').dblclick(); // back to the flexible default
    await expect
      .poll(() => page.locator('[data-testid="sessions-table"]').getAttribute('style'))
      .not.toContain('--w-device');
  });

  it('resizes the sidebar; long app names wrap with the full name as tooltip', async () => {
    const sidebar = page.locator('nav.sidebar');
    const width = (await sidebar.boundingBox())!.width;
    await page.locator('[data-testid="sidebar-resize"]').focus();
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => Math.round((await sidebar.boundingBox())!.width)).toBe(Math.round(width) + 64);
    await page.keyboard.press('Enter');
    await expect.poll(async () => Math.round((await sidebar.boundingBox())!.width)).toBe(Math.round(width));
    expect(await cutTexts(page, '.app-item__name')).toEqual([]);
    expect(await page.locator(`[data-testid="app-item"][data-app="${ANDROID_APP}"]`).getAttribute('title')).toContain(
      'Field Service',
    );
  });
});

describe('at 1024×768', () => {
  it('hides low-priority columns instead of overlapping them', async () => {
    const { page, context } = await openApp(browser, served.url);
    await page.setViewportSize({ width: 1024, height: 768 });
    await waitForApp(page);
    await selectApp(page, IOS_APP);
    await showOnly(page, IPAD_ID);
    const boxes = await page.$$eval('.row--header [role="columnheader"]', (els) =>
      els
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => e.getBoundingClientRect())
        .map((r) => ({ left: r.left, right: r.right })),
    );
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left).toBeGreaterThanOrEqual(boxes[i - 1]!.right - 0.5);
    expect(await page.locator('.col--ip.cell--header').isVisible()).toBe(false);
    const grid = await page
      .locator('[data-testid="sessions-table"]')
      .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(grid.scroll).toBeLessThanOrEqual(grid.client);
    expect(
      await cutTexts(
        page,
        `[data-id="${IPAD_ID}"] .col--os .cell__text, [data-id="${IPAD_ID}"] .col--status select, .header-button__label`,
      ),
    ).toEqual([]);
    await context.close();
  });
});

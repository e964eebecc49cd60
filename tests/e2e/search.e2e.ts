// Search that finds a device anywhere: typing the e-mail of a device that is in another
// app shows it (with its app's name) instead of "no match", and one click opens it,
// selected, in its own app. The "All apps" scope lists matches from every app at once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appFolders, callApi, launchChromium, openApp, serveDemoFolder, type ServedFolder } from './harness';
import { selectApp, sessionsOnDisk, waitForApp } from './ui';

let served: ServedFolder;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  served = await serveDemoFolder({ seed: 7, withProblems: true });
  browser = await launchChromium();
  page = (await openApp(browser, served.url)).page;
  await waitForApp(page);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('search everywhere', () => {
  it('finds an e-mail from another app and opens it there in one click', async () => {
    const apps = await appFolders(served.mobileApps);
    const here = apps[0]!;
    const hereEmails = new Set((await sessionsOnDisk(served.mobileApps, here)).map((s) => s.json.email));
    let target: { app: string; id: string; email: string } | null = null;
    for (const app of apps.slice(1)) {
      const s = (await sessionsOnDisk(served.mobileApps, app)).find(
        (x) => typeof x.json.email === 'string' && x.json.email && !hereEmails.has(x.json.email),
      );
      if (s) {
        target = { app, id: s.id, email: s.json.email as string };
        break;
      }
    }
    expect(target).not.toBeNull();
    const { app, id, email } = target!;

    await selectApp(page, here);
    await page.locator('[data-testid="search"]').fill(email);
    const results = page.locator('[data-testid="search-results"]');
    await results.waitFor();
    const hit = results.locator(`[data-testid="search-hit"][data-app="${app}"][data-id="${id}"]`);
    await hit.waitFor();
    const appName = await page.locator(`[data-testid="app-item"][data-app="${app}"] .app-item__name`).textContent();
    expect(await hit.textContent()).toContain(appName!);
    expect(await hit.textContent()).toContain(email);

    await hit.click();
    await expect
      .poll(() => page.locator('[data-testid="app-item"][aria-current="page"]').getAttribute('data-app'))
      .toBe(app);
    const row = page.locator(`[data-testid="session-row"][data-id="${id}"]`);
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('[data-testid="details-panel"]').textContent()).toContain(id);
  });

  it('lists matches from every app with the "All apps" scope', async () => {
    const query = '@';
    const { total } = await callApi<{ total: number }>(served, 'searchSessions', [query, 100]);
    await page.locator('[data-testid="search"]').fill(query);
    await page.locator('[data-testid="search-scope"]').getByRole('radio', { name: 'All apps' }).click();
    const hits = page.locator('[data-testid="search-hit"]');
    await expect.poll(() => hits.count()).toBe(Math.min(total, 100));
    const hitApps = new Set(await hits.evaluateAll((els) => els.map((e) => e.getAttribute('data-app'))));
    expect(hitApps.size).toBeGreaterThan(1);
    await page.locator('[data-testid="search-scope"]').getByRole('radio', { name: 'This app' }).click();
    await page.locator('[data-testid="sessions-table"]').waitFor();
    await page.locator('[data-testid="search"]').fill('');
  });
});

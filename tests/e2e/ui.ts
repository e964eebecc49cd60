// Small page helpers for the end-to-end tests, written against the UI's
// data-testids and accessible names (renderer/TESTIDS.md), plus readers of the
// real files on disk so every assertion checks the disk, not just the page.

import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

export async function waitForApp(page: Page): Promise<void> {
  await page.locator('[data-testid="app-item"]').first().waitFor();
}

export function appItem(page: Page, folder: string): Locator {
  return page.locator(`[data-testid="app-item"][data-app="${folder}"]`);
}

export async function selectApp(page: Page, folder: string): Promise<void> {
  await appItem(page, folder).click();
  await page.locator('[data-testid="session-row"]').first().waitFor();
}

export function row(page: Page, id: string): Locator {
  return page.locator(`[data-testid="session-row"][data-id="${id}"]`);
}

/** The rendered rows in display order (the table is virtualized: only those in view exist). */
export async function visibleRows(page: Page): Promise<{ id: string; status: string; cells: string[] }[]> {
  return page.$$eval('[data-testid="session-row"]', (els) =>
    els
      .map((el) => ({
        index: Number(el.getAttribute('aria-rowindex')),
        id: el.getAttribute('data-id') ?? '',
        status: el.getAttribute('data-status') ?? '',
        cells: Array.from(el.querySelectorAll('[role="gridcell"]')).map((c) => {
          const select = c.querySelector('select');
          const time = c.querySelector('time');
          if (select) return select.value;
          if (time) return time.getAttribute('datetime') ?? '';
          return (c.querySelector('.cell__text, .email-cell__text') ?? c).textContent?.trim() ?? '';
        }),
      }))
      .sort((a, b) => a.index - b.index)
      .map(({ id, status, cells }) => ({ id, status, cells })),
  );
}

/** Types in the search box and waits until only matching rows are shown. */
export async function search(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-testid="search"]');
  await box.fill(text);
}

export async function showOnly(page: Page, id: string): Promise<Locator> {
  await search(page, id);
  const r = row(page, id);
  await r.waitFor();
  await expect.poll(async () => (await visibleRows(page)).length).toBe(1);
  return r;
}

export interface SessionOnDisk {
  id: string;
  text: string;
  json: Record<string, unknown>;
}

const SESSION_NAME = /^[0-9A-Fa-f]+$/;

/** Every readable session of one app folder, from the disk. */
export async function sessionsOnDisk(mobileApps: string, app: string): Promise<SessionOnDisk[]> {
  const out: SessionOnDisk[] = [];
  for (const name of (await readdir(join(mobileApps, app))).sort()) {
    if (!SESSION_NAME.test(name)) continue;
    const text = await readFile(join(mobileApps, app, name), 'utf8');
    try {
      const json = JSON.parse(text) as unknown;
      if (json && typeof json === 'object' && !Array.isArray(json))
        out.push({ id: name, text, json: json as Record<string, unknown> });
    } catch {
      // a broken file: the Problems view's business
    }
  }
  return out;
}

export async function readSession(mobileApps: string, app: string, id: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(mobileApps, app, id), 'utf8')) as Record<string, unknown>;
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}

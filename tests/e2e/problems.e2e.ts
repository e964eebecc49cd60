// Issue 11 / issue 12 item 9, end to end in Chromium against browser mode: a broken
// file in a real MobileApps folder shows in the Problems view; Reveal shows its path
// (browser mode has no file manager); Move to trash (confirmed) takes it off the disk and
// off the list; Undo from the notice puts it back byte for byte, with its mtime.

import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceState } from '../../shared/types';
import { callApi, launchChromium, openApp, serveDemoFolder, type ServedFolder } from './harness';
import { fileExists, waitForApp } from './ui';

// Not JSON, not UTF-8, CRLF and a NUL: every byte must come back as it was.
const BROKEN = Buffer.concat([
  Buffer.from('{"status": "pending",\r\n "email": '),
  Buffer.from([0xff, 0xfe, 0x00]),
  Buffer.from('\r\n'),
]);
const FILE = 'DEADBEEF00000000000000000000000000000001';
const MTIME = new Date('2024-02-03T04:05:06Z');

let served: ServedFolder;
let browser: Browser;
let page: Page;
let path = '';

beforeAll(async () => {
  served = await serveDemoFolder({ seed: 13, withProblems: false });
  const state = await callApi<WorkspaceState>(served, 'getState');
  const app = state.apps[0]!.folder;
  path = join(served.mobileApps, app, FILE);
  await writeFile(path, BROKEN);
  await utimes(path, MTIME, MTIME);
  browser = await launchChromium();
  ({ page } = await openApp(browser, served.url));
  await waitForApp(page);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

function problemRow(p: Page) {
  return p.getByTestId('problem-row').filter({ hasText: FILE });
}

describe('Problems view actions', () => {
  it('lists the broken file the watcher found, and Reveal shows its path', async () => {
    await page.getByTestId('problems-item').click();
    await expect.poll(() => problemRow(page).count(), { timeout: 15_000 }).toBe(1);
    await problemRow(page).getByRole('button', { name: 'Show file path' }).click();
    const dialog = page.getByTestId('reveal-dialog');
    await expect.poll(() => dialog.getByTestId('reveal-location').inputValue()).toBe(path);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('Move to trash (confirmed) removes it from disk and list; Undo brings back the exact bytes', async () => {
    await problemRow(page).getByRole('button', { name: 'Move to trash' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Move this file to the trash?' });
    await expect.poll(() => confirm.textContent()).toContain(FILE);
    await page.keyboard.press('Enter'); // the confirm button has the focus
    await expect.poll(() => fileExists(path)).toBe(false);
    await expect.poll(() => problemRow(page).count()).toBe(0);

    const toast = page.getByTestId('toast').filter({ hasText: `Moved ${FILE} to the trash` });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => fileExists(path)).toBe(true);
    expect((await readFile(path)).equals(BROKEN)).toBe(true);
    expect((await stat(path)).mtimeMs).toBe(MTIME.getTime());
    await expect.poll(() => problemRow(page).count(), { timeout: 15_000 }).toBe(1);

    const audit = await callApi<{ action: string }[]>(served, 'readAuditLog', [{ limit: 2 }]);
    expect(audit.map((e) => e.action)).toEqual(['undo', 'delete']);
  });
});

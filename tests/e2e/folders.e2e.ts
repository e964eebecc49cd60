// Several folders at once, end to end: the browser-mode server started with two
// --dir folders (two 4D Servers' shares), switching between them in the sidebar,
// a status edited in each (checked on disk), the approval inbox over both (one bulk
// Accept and one Undo reaching both folders' files), and one share removed from
// disk: it shows its error while the other keeps updating live.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { writeDemoFolder } from '../../electron/engine/demo/demo-folder';
import { appFolders, launchChromium, openApp, serveDemoFolder, type OpenedPage, type ServedFolder } from './harness';
import { readSession, row, search, selectApp, sessionsOnDisk, showOnly, waitForApp } from './ui';

let served: ServedFolder;
let browser: Browser;
let opened: OpenedPage;
let page: Page;
let baseB: string;
let rootB: string;

function folderItems(): Locator {
  return page.locator('[data-testid="folder-item"]');
}

function folderItem(label: string): Locator {
  return folderItems().filter({ has: page.locator('[data-testid="folder-label"]', { hasText: label }) });
}

/** A pending session of the folder's first app that has one, from the disk. */
async function pendingOnDisk(root: string): Promise<{ app: string; id: string; text: string }> {
  for (const app of await appFolders(root)) {
    const s = (await sessionsOnDisk(root, app)).find((x) => x.json.status === 'pending');
    if (s) return { app, id: s.id, text: s.text };
  }
  throw new Error(`no pending session in ${root}`);
}

/** How many sessions of the folder are pending, from the disk. */
async function pendingCount(root: string): Promise<number> {
  let n = 0;
  for (const app of await appFolders(root))
    n += (await sessionsOnDisk(root, app)).filter((x) => x.json.status === 'pending').length;
  return n;
}

/** Shows one app with no search left from before (the search box outlives a folder switch). */
async function showApp(app: string): Promise<void> {
  await search(page, '');
  await selectApp(page, app);
}

/** Accepts a session in the table and waits for the file on disk. */
async function acceptInUi(root: string, app: string, id: string): Promise<void> {
  await showApp(app);
  const r = await showOnly(page, id);
  await r.locator('[data-testid="row-status"]').selectOption('accepted');
  await expect.poll(async () => (await readSession(root, app, id)).status).toBe('accepted');
}

/** Changes a session's status from outside the app (as the 4D Server would). */
async function flipOnDisk(root: string, app: string, id: string, to: 'accepted' | 'pending'): Promise<void> {
  const text = await readFile(join(root, app, id), 'utf8');
  await writeFile(join(root, app, id), text.replace(/"status"(\s*):(\s*)"(accepted|pending)"/, `"status"$1:$2"${to}"`));
}

beforeAll(async () => {
  baseB = await mkdtemp(join(tmpdir(), 'msm-e2e-b-'));
  rootB = await writeDemoFolder(join(baseB, 'ServerB', 'Data'), { seed: 11, apps: 3 });
  served = await serveDemoFolder({ seed: 7, withProblems: true, extraArgs: ['--dir', rootB] });
  browser = await launchChromium();
  opened = await openApp(browser, served.url);
  page = opened.page;
  await waitForApp(page);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (baseB) await rm(baseB, { recursive: true, force: true });
});

describe('several folders (browser mode, two --dir)', () => {
  it('lists both folders, the first one shown, each watching', async () => {
    await expect.poll(() => folderItems().count()).toBe(2);
    expect(await folderItems().locator('[data-testid="folder-label"]').allTextContents()).toEqual([
      'server-data',
      join('ServerB', 'Data'),
    ]);
    expect(await folderItems().first().getAttribute('class')).toContain('folder-item--active');
    expect(await folderItems().evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual([
      'watching',
      'watching',
    ]);
    expect(await page.locator('[data-testid="folder-add"]').count()).toBe(0); // browser mode: folders come from --dir
  });

  it('edits a status in each folder after switching in the sidebar', async () => {
    const a = await pendingOnDisk(served.mobileApps);
    await acceptInUi(served.mobileApps, a.app, a.id);
    await expect
      .poll(() => folderItem('server-data').locator('[data-testid="folder-unpushed"]').textContent())
      .toContain('1');

    await folderItem('ServerB').locator('.folder-item__main').click();
    await expect.poll(() => folderItem('ServerB').getAttribute('class')).toContain('folder-item--active');
    const b = await pendingOnDisk(rootB);
    await acceptInUi(rootB, b.app, b.id);
    expect((await readSession(served.mobileApps, a.app, a.id)).status).toBe('accepted'); // A untouched since
    // Back to A: its table shows A's files again.
    await folderItem('server-data').locator('.folder-item__main').click();
    await showApp(a.app);
    await showOnly(page, a.id);
    expect(await row(page, a.id).getAttribute('data-status')).toBe('accepted');
    await folderItem('ServerB').locator('.folder-item__main').click();
    await expect.poll(() => folderItem('ServerB').getAttribute('class')).toContain('folder-item--active');
  });

  it('the inbox lists both folders’ pending sessions; one bulk Accept reaches both; one Undo restores both', async () => {
    await search(page, '');
    const a = await pendingOnDisk(served.mobileApps);
    const b = await pendingOnDisk(rootB);
    // Written again (as a new login would): both become the newest rows, at the top of the inbox.
    await writeFile(join(served.mobileApps, a.app, a.id), a.text);
    await writeFile(join(rootB, b.app, b.id), b.text);
    const total = (await pendingCount(served.mobileApps)) + (await pendingCount(rootB));
    await page.locator('[data-testid="inbox-item"]').click();
    const view = page.locator('[data-testid="inbox-view"]');
    const grid = view.locator('[data-testid="inbox-grid"]');
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(total + 1));
    expect(await grid.getByRole('columnheader', { name: 'Folder' }).count()).toBe(1);
    const rowA = grid.locator(`[data-testid="inbox-row"][data-app="${a.app}"][data-id="${a.id}"]`);
    const rowB = grid.locator(`[data-testid="inbox-row"][data-app="${b.app}"][data-id="${b.id}"]`);
    await expect
      .poll(async () => {
        if ((await rowA.count()) + (await rowB.count()) < 2)
          await view.getByRole('button', { name: 'Refresh' }).click();
        return (await rowA.count()) + (await rowB.count());
      })
      .toBe(2);
    expect(await rowA.getAttribute('data-folder')).not.toBe(await rowB.getAttribute('data-folder'));
    expect(await rowB.locator('.inbox-row__folder').textContent()).toBe(join('ServerB', 'Data'));

    await rowA.locator('.row-check').click();
    await rowB.locator('.row-check').click();
    await expect.poll(() => page.locator('[data-testid="selection-count"]').textContent()).toBe('2 selected');
    await page.locator('[data-testid="bulk-accept"]').click();
    const statuses = async () => [
      (await readSession(served.mobileApps, a.app, a.id)).status,
      (await readSession(rootB, b.app, b.id)).status,
    ];
    await expect.poll(statuses).toEqual(['accepted', 'accepted']);
    await expect.poll(() => rowA.count()).toBe(0);
    await expect.poll(() => rowB.count()).toBe(0);
    const toast = page.locator('[data-testid="toast"]', { hasText: '2 sessions set to Accepted' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(statuses).toEqual(['pending', 'pending']);
    // Both rows come back (the other folder's through its pending count).
    await expect.poll(async () => (await rowA.count()) + (await rowB.count())).toBe(2);
  });

  it('a folder removed from disk shows its error; the other keeps updating live', async () => {
    const b = (await sessionsOnDisk(rootB, (await appFolders(rootB))[0]!))[0]!;
    const app = (await appFolders(rootB))[0]!;
    await showApp(app);
    const r = await showOnly(page, b.id);
    const before = (await r.getAttribute('data-status')) as 'accepted' | 'pending';
    const other = before === 'accepted' ? 'pending' : 'accepted';

    await rm(served.mobileApps, { recursive: true, force: true });
    const gone = folderItem('server-data');
    await expect.poll(() => gone.getAttribute('data-state'), { timeout: 20_000 }).toBe('error');
    expect(await gone.locator('[data-testid="folder-error"]').textContent()).toMatch(/no longer there/);
    expect(await folderItem('ServerB').getAttribute('data-state')).toBe('watching');

    await flipOnDisk(rootB, app, b.id, other);
    await expect.poll(() => row(page, b.id).getAttribute('data-status')).toBe(other);
    await flipOnDisk(rootB, app, b.id, before);
    await expect.poll(() => row(page, b.id).getAttribute('data-status')).toBe(before);
    expect(opened.errors).toEqual([]);
  });
});

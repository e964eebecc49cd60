// Issue 10 §1, acceptance, end to end in Chromium against browser mode: accept a
// pending session in the UI, another program writes the file back with
// "status":"pending" (every other byte as before) → the screen says "overwritten"
// (banner and row mark), the pre-flight check names the session, Push (to the fake
// 4D peer) does not claim full success, and Apply again fixes it.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreflightReport } from '../../shared/types';
import { writeDemoFolder } from '../../electron/engine/demo/demo-folder';
import en from '../../renderer/src/i18n/locales/en';
import { startFourDPeer, type FourDPeer } from '../peer/four-d-peer';
import { ROOT, appFolders, callApi, launchChromium, openApp, serveFolder, type ServedFolder } from './harness';
import { readSession, selectApp, sessionsOnDisk, showOnly, type SessionOnDisk } from './ui';

const SECRET = 'e2e-Secret_overwritten_0123456789';

const hasRenderer = existsSync(join(ROOT, 'out', 'renderer', 'index.html'));

describe.skipIf(!hasRenderer)('Overwritten approvals, end to end in browser mode', () => {
  let base: string;
  let peer: FourDPeer;
  let served: ServedFolder;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'msm-e2e-overwritten-'));
    const mobileApps = await realpath(await writeDemoFolder(join(base, 'server-data'), { seed: 11 }));
    peer = await startFourDPeer({ secret: SECRET });
    const dataDir = join(base, 'app-data');
    await mkdir(dataDir, { recursive: true });
    served = await serveFolder(mobileApps, dataDir, {
      extraArgs: ['--push-url', peer.url],
      env: { PUSH_SECRET: SECRET, MSM_PUSH_VERIFY_MS: '500' },
    });
    browser = await launchChromium();
    ({ page } = await openApp(browser, served.url));
    await page.getByTestId('session-row').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await peer?.close();
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('accepted in the UI, written back as pending by another program: overwritten, named, not pushed, applied again', async () => {
    let app = '';
    let pending: SessionOnDisk | undefined;
    for (const folder of await appFolders(served.mobileApps)) {
      pending = (await sessionsOnDisk(served.mobileApps, folder)).find((s) => s.json.status === 'pending');
      app = folder;
      if (pending) break;
    }
    if (!pending) throw new Error('the demo folder has no pending session');
    await selectApp(page, app);
    const path = join(served.mobileApps, app, pending.id);

    // The admin accepts it in the row.
    const r = await showOnly(page, pending.id);
    await r.locator('[data-testid="row-status"]').selectOption('accepted');
    await expect.poll(async () => (await readSession(served.mobileApps, app, pending.id)).status).toBe('accepted');
    await expect.poll(() => r.getAttribute('data-status')).toBe('accepted');

    // Another program writes the file back: every byte as before, "status":"pending".
    const tmp = join(base, 'rewrite.tmp');
    await writeFile(tmp, pending.text);
    await rename(tmp, path);
    expect(await readFile(path, 'utf8')).toBe(pending.text);

    // Within a few seconds the screen says "overwritten", on the banner and on the row.
    const banner = page.getByTestId('overwritten-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect((await banner.textContent())?.toLowerCase()).toContain('overwritten');
    expect(await banner.textContent()).toContain(pending.id);
    await r.getByTestId('overwritten-mark').waitFor();
    // Not announced as a new device.
    expect(await page.getByTestId('toast').filter({ hasText: 'waiting for approval' }).count()).toBe(0);

    // The pre-flight check names the session, what was set and what the file says.
    const report = await callApi<PreflightReport>(served, 'preflight');
    expect(report.overwritten).toEqual([
      { ref: { app, id: pending.id }, field: 'status', set: 'accepted', now: 'pending' },
    ]);

    // Push: the pre-flight dialog lists it; pushing anyway is not reported as a success.
    await page.getByTestId('push-button').click();
    const dialog = page.getByTestId('preflight-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('preflight-overwritten').textContent()).toContain(pending.id);
    await dialog.getByRole('button', { name: en.preflight.pushAnyway }).click();
    await page.getByTestId('toast').filter({ hasText: en.overwritten.incomplete }).waitFor();
    expect(await page.getByTestId('toast').filter({ hasText: en.push.success }).count()).toBe(0);
    expect(peer.refreshCount()).toBe(1);
    await expect.poll(() => page.getByTestId('unpushed-count').textContent()).toBe('1');

    // Apply again: the file says accepted, the warning goes away.
    await banner.getByRole('button', { name: en.overwritten.applyAgain }).click();
    await expect.poll(async () => (await readSession(served.mobileApps, app, pending.id)).status).toBe('accepted');
    await banner.waitFor({ state: 'detached' });
    expect((await callApi<PreflightReport>(served, 'preflight')).overwritten).toEqual([]);

    // The Activity log has the overwrite.
    const log = await callApi<{ action: string; sessions: { id: string }[] }[]>(served, 'readAuditLog', [
      { action: 'overwritten' },
    ]);
    expect(log.some((e) => e.sessions.some((s) => s.id === pending.id))).toBe(true);
  });
});

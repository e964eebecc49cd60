// Issue 4, "Done when", end to end in browser mode: edit a status → Push is
// enabled with count 1 → Push → the 4D peer received exactly one authenticated
// request → count 0; with the peer down, a wrong secret, or slow past the
// timeout, the user sees the right message and the count stays.
//
// The server is the harness's (serveFolder), with `--push-url <peer>` and the
// PUSH_SECRET environment variable.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoFolder } from '../../electron/engine/demo/demo-folder';
import en from '../../renderer/src/i18n/locales/en';
import { startFourDPeer, type FourDPeer } from '../peer/four-d-peer';
import { ROOT, launchChromium, openApp, serveFolder, type ServedFolder } from './harness';

const SECRET = 'e2e-Secret_0123456789abcdef';
const TIMEOUT_MS = 1500;

const hasRenderer = existsSync(join(ROOT, 'out', 'renderer', 'index.html'));

describe.skipIf(!hasRenderer)('Push, end to end in browser mode', () => {
  let base: string;
  let peer: FourDPeer;
  let peerPort: number;
  let server: ServedFolder;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'msm-e2e-push-'));
    const mobileApps = await realpath(await writeDemoFolder(join(base, 'server-data'), { seed: 7 }));
    peer = await startFourDPeer({ secret: SECRET });
    peerPort = Number(new URL(peer.url).port);
    // A short timeout for this folder, so "slow past the timeout" stays quick.
    const dataDir = join(base, 'app-data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(
      join(dataDir, 'settings.json'),
      JSON.stringify({ version: 1, push: { [mobileApps]: { url: peer.url, timeoutMs: TIMEOUT_MS } } }),
    );
    server = await serveFolder(mobileApps, dataDir, {
      extraArgs: ['--push-url', peer.url],
      env: { PUSH_SECRET: SECRET },
    });
    browser = await launchChromium();
    ({ page } = await openApp(browser, server.url));
    await page.getByTestId('session-row').first().waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await peer?.close();
    if (base) await rm(base, { recursive: true, force: true });
  });

  const count = () => page.getByTestId('unpushed-count');
  const pushButton = () => page.getByTestId('push-button');

  /** Flips the status of the first row: one unpushed change. */
  async function editOneStatus(): Promise<void> {
    const select = page.getByTestId('row-status').first();
    const current = await select.inputValue();
    await select.selectOption(current === 'accepted' ? 'pending' : 'accepted');
  }

  async function pushAndExpectToast(text: string): Promise<void> {
    await pushButton().click();
    await page.getByTestId('toast').filter({ hasText: text }).last().waitFor();
  }

  it('edit → count 1 → Push → exactly one authenticated request → count 0', async () => {
    await expect.poll(() => count().textContent()).toBe('0');
    expect(await pushButton().isDisabled()).toBe(true);

    await editOneStatus();
    await expect.poll(() => count().textContent()).toBe('1');
    await expect.poll(() => pushButton().isEnabled()).toBe(true);

    await pushAndExpectToast(en.push.success);
    await expect.poll(() => count().textContent()).toBe('0');
    expect(peer.requests).toHaveLength(1);
    expect(peer.requests[0]).toMatchObject({ method: 'POST', authorized: true });
    expect(peer.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(JSON.parse(peer.requests[0]!.body)).toEqual({ action: 'refreshSessions' });
    expect(peer.refreshCount()).toBe(1);
  });

  it('peer down → "connection refused", the count stays', async () => {
    await editOneStatus();
    await expect.poll(() => count().textContent()).toBe('1');
    await peer.close();
    await pushAndExpectToast(en.push.connectionRefused);
    expect(await count().textContent()).toBe('1');
  });

  it('wrong secret → "the server refused the secret", the count stays', async () => {
    peer = await startFourDPeer({ secret: 'another-secret-entirely', port: peerPort });
    await pushAndExpectToast(en.push.unauthorized);
    expect(await count().textContent()).toBe('1');
    expect(peer.requests).toHaveLength(1);
    expect(peer.requests[0]!.authorized).toBe(false);
    await peer.close();
  });

  it('slow past the timeout → "did not answer in time", the count stays; Push again succeeds', async () => {
    peer = await startFourDPeer({ secret: SECRET, port: peerPort, mode: 'slow', delayMs: TIMEOUT_MS * 4 });
    await pushAndExpectToast(en.push.timeout);
    expect(await count().textContent()).toBe('1');
    expect(peer.refreshCount()).toBe(0);

    peer.setMode('ok');
    await pushAndExpectToast(en.push.success);
    await expect.poll(() => count().textContent()).toBe('0');
    expect(peer.refreshCount()).toBe(1);
  });
});

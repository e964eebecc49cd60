import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFourDPeer, type FourDPeer } from '../../tests/peer/four-d-peer';
import { SETTINGS_FILE } from '../engine/settings/settings-store';
import { createBrowserPushService } from './push-wiring';

const ROOT = '/srv/4D/Data/MobileApps';
const SECRET = 'c0rrect-h0rse_battery!staple';

let dataDir: string;
let peer: FourDPeer | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'msm-push-wiring-'));
});
afterEach(async () => {
  await peer?.close();
  peer = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

function service(env: Record<string, string | undefined> = {}) {
  return createBrowserPushService({ dataDir, pushUrl: null, env, version: 'test' });
}

describe('browser-mode push settings', () => {
  it('saves the URL per folder in the data dir, keeps a typed secret in memory only, and Test connection works', async () => {
    peer = await startFourDPeer({ secret: SECRET });
    const { push } = await service();
    const view = await push.setSettings(ROOT, { url: peer.url, timeoutMs: 4000, secret: SECRET });
    expect(view).toMatchObject({ url: peer.url, timeoutMs: 4000, hasSecret: true, secretSource: 'memory' });
    expect((await push.testConnection(ROOT)).outcome).toBe('success');
    const onDisk = await readFile(join(dataDir, SETTINGS_FILE), 'utf8');
    expect(onDisk).toContain(peer.url);
    expect(onDisk).not.toContain(SECRET);

    // A new server process: the URL is remembered, the typed secret is not.
    const { push: next } = await service();
    expect(await next.getSettings(ROOT)).toMatchObject({ url: peer.url, hasSecret: false, secretSource: 'none' });
    const r = await next.testConnection(ROOT);
    expect(r.outcome).toBe('not-configured');
    expect(r.message).toMatch(/Push settings/);
  });

  it('saving without a secret keeps the typed one; an empty secret forgets it', async () => {
    const { push } = await service();
    await push.setSettings(ROOT, { url: 'http://h/4DACTION/x', timeoutMs: 4000, secret: SECRET });
    expect((await push.setSettings(ROOT, { url: 'http://h/4DACTION/y', timeoutMs: 4000 })).secretSource).toBe('memory');
    expect((await push.setSettings(ROOT, { url: 'http://h/4DACTION/y', timeoutMs: 4000, secret: '' })).hasSecret).toBe(
      false,
    );
  });

  it('PUSH_SECRET wins and cannot be replaced from the dialog', async () => {
    peer = await startFourDPeer({ secret: SECRET });
    const { push } = await service({ PUSH_SECRET: SECRET });
    const view = await push.setSettings(ROOT, { url: peer.url, timeoutMs: 4000 });
    expect(view.secretSource).toBe('environment');
    expect((await push.testConnection(ROOT)).outcome).toBe('success');
    await expect(push.setSettings(ROOT, { url: peer.url, timeoutMs: 4000, secret: 'other' })).rejects.toMatchObject({
      code: 'unsupported',
    });
  });

  it('no URL yet: the message points to the Push settings, not to --push-url', async () => {
    const { push } = await service();
    const r = await push.testConnection(ROOT);
    expect(r.outcome).toBe('not-configured');
    expect(r.message).not.toMatch(/--push-url/);
  });
});

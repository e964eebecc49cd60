import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFourDPeer, type FourDPeer } from '../../../tests/peer/four-d-peer';
import { SETTINGS_FILE, type SettingsStore } from '../settings/settings-store';
import { createPushService } from './create-push-service';
import { fakeCodec, tempSettings } from '../testing/push-fixtures';

const ROOT = '/srv/4D/Data/MobileApps';
const SECRET = 'c0rrect-h0rse_battery!staple';

let store: SettingsStore;
let dir: string;
let cleanup: () => Promise<void>;
let peer: FourDPeer | undefined;

beforeEach(async () => {
  ({ store, dir, cleanup } = await tempSettings());
});
afterEach(async () => {
  await peer?.close();
  peer = undefined;
  await cleanup();
});

async function desktopService(url: string, timeoutMs = 5000, secret = SECRET) {
  const service = createPushService({ settings: store, secrets: fakeCodec() });
  await service.setSettings(ROOT, { url, timeoutMs, secret });
  return service;
}

/** A port on which nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('push outcomes against the 4D test peer', () => {
  it('success: one authenticated POST with the JSON action, nothing else', async () => {
    peer = await startFourDPeer({ secret: SECRET });
    const service = await desktopService(peer.url);
    const r = await service.push(ROOT);
    expect(r).toMatchObject({ outcome: 'success', httpStatus: 200, message: 'The 4D Server reloaded its sessions.' });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(peer.requests).toHaveLength(1);
    const req = peer.requests[0]!;
    expect(req).toMatchObject({ method: 'POST', path: '/4DACTION/MSM_RefreshSessions', authorized: true });
    expect(req.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(req.body)).toEqual({ action: 'refreshSessions' });
    expect(peer.refreshCount()).toBe(1);
  });

  it('testConnection sends "ping": the peer does not refresh', async () => {
    peer = await startFourDPeer({ secret: SECRET });
    const service = await desktopService(peer.url);
    const r = await service.testConnection(ROOT);
    expect(r.outcome).toBe('success');
    expect(r.message).toMatch(/accepted the secret/);
    expect(JSON.parse(peer.requests[0]!.body)).toEqual({ action: 'ping' });
    expect(peer.refreshCount()).toBe(0);
  });

  it('REST variant: parameters as a collection, result unwrapped from {"result": …}', async () => {
    peer = await startFourDPeer({ secret: SECRET, path: '/rest/$catalog/refreshSessions' });
    const service = await desktopService(peer.url);
    const r = await service.push(ROOT);
    expect(r.outcome).toBe('success');
    expect(JSON.parse(peer.requests[0]!.body)).toEqual([{ action: 'refreshSessions' }]);
  });

  it('wrong secret → unauthorized, with the status and the body excerpt', async () => {
    peer = await startFourDPeer({ secret: 'the-real-one' });
    const service = await desktopService(peer.url);
    const r = await service.push(ROOT);
    expect(r).toMatchObject({ outcome: 'unauthorized', httpStatus: 401 });
    expect(r.message).toMatch(/^The server refused the secret \(HTTP 401\)/);
    expect(r.bodyExcerpt).toContain('Unauthorized');
    expect(peer.refreshCount()).toBe(0);
  });

  it('REST variant: a refusal in the body ({"code": "unauthorized"}) → unauthorized', async () => {
    peer = await startFourDPeer({ secret: 'the-real-one', path: '/rest/$catalog/refreshSessions' });
    const service = await desktopService(peer.url);
    const r = await service.push(ROOT);
    expect(r).toMatchObject({ outcome: 'unauthorized', httpStatus: 200 });
    expect(r.message).toMatch(/^The server refused the secret/);
    expect(r.message).toMatch(/REST variant/);
  });

  it('server failure → http-error with status and the 4D error text', async () => {
    peer = await startFourDPeer({ secret: SECRET, mode: 'fail' });
    const service = await desktopService(peer.url);
    const r = await service.push(ROOT);
    expect(r).toMatchObject({ outcome: 'http-error', httpStatus: 500 });
    expect(r.message).toMatch(/HTTP 500/);
    expect(r.message).toMatch(/not correctly formed/);
    expect(r.bodyExcerpt).toMatch(/MOBILE APP REFRESH SESSIONS failed/);
  });

  it('REST failure shape {"__ERROR": […]} → http-error with 4D\'s message', async () => {
    peer = await startFourDPeer({ secret: SECRET, mode: 'fail', path: '/rest/$catalog/refreshSessions' });
    const service = await desktopService(peer.url);
    const r = await service.push(ROOT);
    expect(r).toMatchObject({ outcome: 'http-error', httpStatus: 500 });
    expect(r.message).toMatch(/not correctly formed/);
  });

  it('2xx but not JSON → http-error with the excerpt', async () => {
    peer = await startFourDPeer({ secret: SECRET, mode: 'wrong-json' });
    const service = await desktopService(peer.url);
    const r = await service.push(ROOT);
    expect(r).toMatchObject({ outcome: 'http-error', httpStatus: 200 });
    expect(r.message).toMatch(/not with the expected JSON/);
    expect(r.bodyExcerpt).toBe('<html><body><h1>Welcome to 4D Web Server</h1></body></html>');
  });

  it('wrong path → http-error 404 with a hint about the method', async () => {
    peer = await startFourDPeer({ secret: SECRET });
    const service = await desktopService(peer.url.replace('MSM_RefreshSessions', 'Nope'));
    const r = await service.push(ROOT);
    expect(r).toMatchObject({ outcome: 'http-error', httpStatus: 404 });
    expect(r.message).toMatch(/4DACTION/);
  });

  it('slow past the timeout → timeout, and the late answer is ignored', async () => {
    peer = await startFourDPeer({ secret: SECRET, mode: 'slow', delayMs: 10_000 });
    const service = await desktopService(peer.url, 500);
    const r = await service.push(ROOT);
    expect(r.outcome).toBe('timeout');
    expect(r.message).toMatch(/within 0\.5 s/);
    expect(peer.refreshCount()).toBe(0);
  });

  it('connection closed without an answer → network-error', async () => {
    peer = await startFourDPeer({ secret: SECRET, mode: 'close' });
    const service = await desktopService(peer.url);
    const r = await service.push(ROOT);
    expect(r.outcome).toBe('network-error');
    expect(r.message).toMatch(/closed before the server answered/);
  });

  it('nothing listening → connection-refused', async () => {
    const port = await closedPort();
    const service = await desktopService(`http://127.0.0.1:${port}/4DACTION/MSM_RefreshSessions`);
    const r = await service.push(ROOT);
    expect(r.outcome).toBe('connection-refused');
    expect(r.message).toContain(`127.0.0.1:${port}`);
  });

  it('unknown host → network-error (ENOTFOUND)', async () => {
    const service = await desktopService('http://msm-no-such-host.invalid/4DACTION/MSM_RefreshSessions');
    const r = await service.push(ROOT);
    expect(r.outcome).toBe('network-error');
    expect(r.message).toMatch(/could not be resolved/);
  });

  it('https:// to a plain-http server → tls-error', async () => {
    peer = await startFourDPeer({ secret: SECRET });
    const service = await desktopService(peer.url.replace('http:', 'https:'));
    const r = await service.push(ROOT);
    expect(r.outcome).toBe('tls-error');
  });

  it('never retries by itself: a failed push sends exactly one request', async () => {
    peer = await startFourDPeer({ secret: SECRET, mode: 'fail' });
    const service = await desktopService(peer.url);
    await service.push(ROOT);
    expect(peer.requests).toHaveLength(1);
  });

  it('two simultaneous pushes for one folder share one request', async () => {
    peer = await startFourDPeer({ secret: SECRET });
    const service = await desktopService(peer.url);
    const [a, b] = await Promise.all([service.push(ROOT), service.push(ROOT)]);
    expect(a.outcome).toBe('success');
    expect(b).toBe(a);
    expect(peer.requests).toHaveLength(1);
  });

  it('does not follow redirects', async () => {
    const server = (await import('node:http')).createServer((_req, res) => {
      res.writeHead(302, { Location: 'http://elsewhere.example/steal' });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as net.AddressInfo;
      const service = await desktopService(`http://127.0.0.1:${port}/4DACTION/x`);
      const r = await service.push(ROOT);
      expect(r).toMatchObject({ outcome: 'http-error', httpStatus: 302 });
      expect(r.message).toMatch(/not followed/);
    } finally {
      server.close();
    }
  });

  it('reads at most 64 KiB of an endless answer', async () => {
    const server = (await import('node:http')).createServer((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      const chunk = 'x'.repeat(16 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as net.AddressInfo;
      const service = await desktopService(`http://127.0.0.1:${port}/4DACTION/x`);
      const r = await service.push(ROOT);
      expect(r).toMatchObject({ outcome: 'http-error', httpStatus: 500 });
      expect(r.bodyExcerpt!.length).toBeLessThanOrEqual(301);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('TLS', () => {
  const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
  let certDir: string;
  let server: https.Server | undefined;

  beforeAll(async () => {
    if (!hasOpenssl) return;
    certDir = await mkdtemp(join(tmpdir(), 'msm-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(certDir, 'key.pem'),
        '-out',
        join(certDir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(async () => {
    server?.close();
    if (certDir) await rm(certDir, { recursive: true, force: true });
  });

  // Skipped only when the openssl CLI is missing: it generates the test certificate.
  it.skipIf(!hasOpenssl)('a self-signed certificate → tls-error, and the secret is never sent', async () => {
    let received = 0;
    server = https.createServer(
      { key: await readFile(join(certDir, 'key.pem')), cert: await readFile(join(certDir, 'cert.pem')) },
      (_req, res) => {
        received++;
        res.end('{"success":true}');
      },
    );
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as net.AddressInfo;
    const service = await desktopService(`https://localhost:${port}/4DACTION/MSM_RefreshSessions`);
    const r = await service.push(ROOT);
    expect(r.outcome).toBe('tls-error');
    expect(r.message).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT|self-signed/i);
    expect(received).toBe(0);
  });
});

describe('settings and secrets', () => {
  it('not configured: no URL', async () => {
    const service = createPushService({ settings: store, secrets: fakeCodec() });
    const r = await service.push(ROOT);
    expect(r).toMatchObject({ outcome: 'not-configured', durationMs: 0 });
    expect(r.message).toMatch(/No push URL/);
  });

  it('not configured: URL but no secret', async () => {
    const service = createPushService({ settings: store, secrets: fakeCodec() });
    await service.setSettings(ROOT, { url: 'http://127.0.0.1:1/4DACTION/x', timeoutMs: 1000 });
    const r = await service.push(ROOT);
    expect(r.outcome).toBe('not-configured');
    expect(r.message).toMatch(/No secret/);
  });

  it('stores the secret encrypted, never in plain text; undefined keeps it, "" clears it', async () => {
    const service = createPushService({ settings: store, secrets: fakeCodec() });
    const view = await service.setSettings(ROOT, { url: 'http://h/4DACTION/x', timeoutMs: 4000, secret: SECRET });
    expect(view).toEqual({
      url: 'http://h/4DACTION/x',
      timeoutMs: 4000,
      hasSecret: true,
      secretSource: 'keychain',
      fourDInstallPath: '',
      checkRules: expect.anything(),
    });
    const text = await readFile(join(dir, SETTINGS_FILE), 'utf8');
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text).push[ROOT].secret.scheme).toBe('safeStorage');

    await service.setSettings(ROOT, { url: 'http://h2/4DACTION/x', timeoutMs: 4000 });
    expect((await service.getSettings(ROOT)).hasSecret).toBe(true);
    await service.setSettings(ROOT, { url: 'http://h2/4DACTION/x', timeoutMs: 4000, secret: '' });
    expect(await service.getSettings(ROOT)).toMatchObject({ hasSecret: false, secretSource: 'none' });
  });

  it('settings are per folder', async () => {
    const service = createPushService({ settings: store, secrets: fakeCodec() });
    await service.setSettings(ROOT, { url: 'http://a/4DACTION/x', timeoutMs: 4000, secret: 'a' });
    expect(await service.getSettings('/other/MobileApps')).toEqual({
      url: '',
      timeoutMs: 10_000,
      hasSecret: false,
      secretSource: 'none',
      fourDInstallPath: '',
      checkRules: expect.anything(),
    });
  });

  it("stores the 4D installation for the checks and reports 4D's schema from it; undefined keeps it, '' forgets it", async () => {
    const service = createPushService({ settings: store, secrets: fakeCodec() });
    const resources = join(dir, '4D Server.app', 'Contents', 'Resources', 'JSONSchemas');
    await mkdir(resources, { recursive: true });
    const schemaPath = join(resources, 'mobileSessionSchema.json');
    await writeFile(schemaPath, JSON.stringify({ type: 'object', required: ['session'] }));
    const view = await service.setSettings(ROOT, {
      url: '',
      timeoutMs: 4000,
      fourDInstallPath: join(dir, '4D Server.app'),
    });
    expect(view.fourDInstallPath).toBe(join(dir, '4D Server.app'));
    expect(view.checkRules).toEqual({ source: '4d-schema', schemaPath });
    expect(service.sessionRules().info).toEqual({ source: '4d-schema', schemaPath });
    await service.setSettings(ROOT, { url: '', timeoutMs: 5000 });
    expect((await service.getSettings(ROOT)).fourDInstallPath).toBe(join(dir, '4D Server.app'));
    await service.setSettings(ROOT, { url: '', timeoutMs: 5000, fourDInstallPath: '' });
    expect((await service.getSettings(ROOT)).fourDInstallPath).toBe('');
  });

  it('refuses to store a secret when the keychain is unavailable, and changes nothing', async () => {
    const service = createPushService({ settings: store, secrets: fakeCodec(false) });
    await expect(
      service.setSettings(ROOT, { url: 'http://h/4DACTION/x', timeoutMs: 4000, secret: SECRET }),
    ).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/keychain/) });
    expect(store.get().push).toEqual({});
  });

  it('refuses a secret that cannot be a header value', async () => {
    const service = createPushService({ settings: store, secrets: fakeCodec() });
    await expect(
      service.setSettings(ROOT, { url: 'http://h/4DACTION/x', timeoutMs: 4000, secret: 'two words' }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('a secret the keychain can no longer decrypt → not-configured with a clear reason', async () => {
    const codec = fakeCodec();
    const service = createPushService({ settings: store, secrets: codec });
    await service.setSettings(ROOT, { url: 'http://h/4DACTION/x', timeoutMs: 4000, secret: SECRET });
    codec.decrypt = () => {
      throw new Error('bad key');
    };
    const r = await service.push(ROOT);
    expect(r.outcome).toBe('not-configured');
    expect(r.message).toMatch(/could not be decrypted/);
  });
});

describe('browser mode (fixed URL and secret from the environment)', () => {
  it('pushes with the fixed settings and reports the environment as the secret source', async () => {
    peer = await startFourDPeer({ secret: SECRET });
    const service = createPushService({ settings: store, secrets: null, fixed: { url: peer.url, secret: SECRET } });
    expect(await service.getSettings(ROOT)).toEqual({
      url: peer.url,
      timeoutMs: 10_000,
      hasSecret: true,
      secretSource: 'environment',
      fourDInstallPath: '',
      checkRules: expect.anything(),
    });
    expect((await service.push(ROOT)).outcome).toBe('success');
  });

  it('lets the timeout be changed but not the URL, and never stores a secret', async () => {
    const service = createPushService({
      settings: store,
      secrets: null,
      fixed: { url: 'http://h/4DACTION/x', secret: 's' },
    });
    const view = await service.setSettings(ROOT, { url: 'http://h/4DACTION/x', timeoutMs: 700 });
    expect(view.timeoutMs).toBe(700);
    await expect(service.setSettings(ROOT, { url: 'http://other/x', timeoutMs: 700 })).rejects.toMatchObject({
      code: 'unsupported',
    });
    await expect(
      service.setSettings(ROOT, { url: 'http://h/4DACTION/x', timeoutMs: 700, secret: 'new' }),
    ).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/PUSH_SECRET/) });
    expect(JSON.stringify(store.get())).not.toContain('"secret"');
  });

  it('without PUSH_SECRET → not-configured naming the variable', async () => {
    const service = createPushService({ settings: store, secrets: null, fixed: { url: 'http://h/4DACTION/x' } });
    const r = await service.push(ROOT);
    expect(r.outcome).toBe('not-configured');
    expect(r.message).toMatch(/PUSH_SECRET/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_METHODS, type SessionClient } from '../../shared/api';
import type { EngineEvent, WorkspaceState } from '../../shared/types';
import { ApiError } from '../../shared/api-error';
import { startServer, type RunningServer } from './http-server';
import { CONTENT_SECURITY_POLICY_HEADER } from './static-files';

const state: WorkspaceState = {
  phase: 'ready',
  root: '/tmp/MobileApps',
  isDemo: true,
  error: null,
  watchMode: 'polling',
  apps: [],
  problems: [],
  unpushed: 0,
  host: 'browser',
  version: '0.0.0-test',
};

/** A SessionClient whose methods echo, with an event emitter the test drives. */
function fakeClient() {
  const listeners = new Set<(e: EngineEvent) => void>();
  const api = {} as Record<string, unknown>;
  for (const m of API_METHODS) api[m] = async (...args: unknown[]) => ({ echo: m, args });
  api.getState = async () => state;
  api.getSession = async () => {
    throw new ApiError('not-found', 'gone');
  };
  api.onEvent = (l: (e: EngineEvent) => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  return {
    client: api as unknown as SessionClient,
    emit: (e: EngineEvent) => listeners.forEach((l) => l(e)),
    listeners,
  };
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

let dir: string;
let server: RunningServer;
let fake: ReturnType<typeof fakeClient>;
const TOKEN = 'test-token-0123456789';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'msm-http-'));
  const root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'SECRET');
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'));
  fake = fakeClient();
  server = await startServer({ api: fake.client, staticDir: root, token: TOKEN, maxBodyBytes: 1024 });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const auth = () => ({ 'X-MSM-Token': TOKEN, 'Content-Type': 'application/json' });

describe('browser-mode HTTP server', () => {
  it('binds to loopback on a random port and prints a tokenised URL', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('refuses requests without or with a wrong token (401)', async () => {
    const p = server.port;
    expect((await raw(p, { path: '/' })).status).toBe(401);
    expect((await raw(p, { path: '/?token=wrong' })).status).toBe(401);
    expect((await raw(p, { path: '/api/events' })).status).toBe(401);
    const post = await raw(p, {
      method: 'POST',
      path: '/api/getState',
      headers: { 'Content-Type': 'application/json' },
      body: '[]',
    });
    expect(post.status).toBe(401);
    expect(JSON.parse(post.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // A token in the query does not authorise API calls (they need the header).
    const q = await raw(p, {
      method: 'POST',
      path: `/api/getState?token=${TOKEN}`,
      headers: { 'Content-Type': 'application/json' },
      body: '[]',
    });
    expect(q.status).toBe(401);
  });

  it('answers API calls through dispatch, keeping error codes', async () => {
    const ok = await raw(server.port, { method: 'POST', path: '/api/getState', headers: auth(), body: '[]' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: state });
    const set = await raw(server.port, {
      method: 'POST',
      path: '/api/setStatus',
      headers: auth(),
      body: JSON.stringify([[{ app: 'T.com.x', id: 'ABC' }], 'pending']),
    });
    expect(JSON.parse(set.body)).toEqual({
      ok: true,
      value: { echo: 'setStatus', args: [[{ app: 'T.com.x', id: 'ABC' }], 'pending'] },
    });
    const gone = await raw(server.port, {
      method: 'POST',
      path: '/api/getSession',
      headers: auth(),
      body: JSON.stringify([{ app: 'a', id: 'b' }]),
    });
    expect(JSON.parse(gone.body)).toEqual({ ok: false, error: { code: 'not-found', message: 'gone' } });
    const invalid = await raw(server.port, {
      method: 'POST',
      path: '/api/listSessions',
      headers: auth(),
      body: '["../x"]',
    });
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const unknown = await raw(server.port, { method: 'POST', path: '/api/constructor', headers: auth(), body: '[]' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('rejects malformed bodies clearly', async () => {
    const bad = await raw(server.port, { method: 'POST', path: '/api/getState', headers: auth(), body: '[1,' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/not valid JSON/);
    const notArray = await raw(server.port, { method: 'POST', path: '/api/getState', headers: auth(), body: '{}' });
    expect(notArray.status).toBe(400);
    expect(JSON.parse(notArray.body).error.message).toMatch(/JSON array/);
    const big = await raw(server.port, {
      method: 'POST',
      path: '/api/getState',
      headers: auth(),
      body: `[${'"x",'.repeat(400)}"x"]`,
    });
    expect(big.status).toBe(413);
    const form = await raw(server.port, {
      method: 'POST',
      path: '/api/getState',
      headers: { 'X-MSM-Token': TOKEN, 'Content-Type': 'text/plain' },
      body: '[]',
    });
    expect(form.status).toBe(415);
    const get = await raw(server.port, { path: '/api/getState', headers: { 'X-MSM-Token': TOKEN } });
    expect(get.status).toBe(405);
  });

  it('checks Host (DNS rebinding) and Origin (cross-site requests)', async () => {
    const rebound = await raw(server.port, {
      path: `/?token=${TOKEN}`,
      headers: { Host: `evil.example:${server.port}` },
    });
    expect(rebound.status).toBe(421);
    const localhost = await raw(server.port, {
      path: `/?token=${TOKEN}`,
      headers: { Host: `localhost:${server.port}` },
    });
    expect(localhost.status).toBe(200);
    const cross = await raw(server.port, {
      method: 'POST',
      path: '/api/getState',
      headers: { ...auth(), Origin: 'http://evil.example' },
      body: '[]',
    });
    expect(cross.status).toBe(403);
    const same = await raw(server.port, {
      method: 'POST',
      path: '/api/getState',
      headers: { ...auth(), Origin: `http://127.0.0.1:${server.port}` },
      body: '[]',
    });
    expect(same.status).toBe(200);
  });

  it('serves the renderer with the CSP header and sets an HttpOnly SameSite cookie', async () => {
    const page = await raw(server.port, { path: `/?token=${TOKEN}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain(`msm_token_${server.port}=${TOKEN}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const asset = await raw(server.port, {
      path: '/assets/app.js',
      headers: { Cookie: `msm_token_${server.port}=${TOKEN}` },
    });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('never leaves the renderer folder and never lists directories', async () => {
    const h = { 'X-MSM-Token': TOKEN };
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/',
      '/assets',
      '/assets/link.txt',
      '/%00',
      '/%E0%A4%A',
      '/nope.js',
    ]) {
      const r = await raw(server.port, { path, headers: h });
      expect(r.status, path).toBe(404);
      expect(r.body).not.toContain('SECRET');
    }
  });

  it('streams a state snapshot first, then engine events, over SSE', async () => {
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${server.port}/api/events?token=${TOKEN}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const events: EngineEvent[] = [];
    let buffer = '';
    const next = async (): Promise<EngineEvent> => {
      for (;;) {
        const cut = buffer.indexOf('\n\n');
        if (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) return JSON.parse(data) as EngineEvent;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    };
    events.push(await next());
    expect(events[0]).toEqual({ type: 'state', state });
    fake.emit({ type: 'unpushed', count: 3 });
    expect(await next()).toEqual({ type: 'unpushed', count: 3 });
    controller.abort();
  });
});

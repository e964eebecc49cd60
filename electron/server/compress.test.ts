import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { API_METHODS, type SessionApi } from '../../shared/api';
import type { SessionRecord } from '../../shared/types';
import { createApiHandler } from './api-handler';
import { COMPRESS_MIN_BYTES } from './compress';
import { sendFailure, toHttpFailure } from './http-failure';

/** 3,000 sessions: a listSessions answer far over the compression threshold. */
const records: SessionRecord[] = Array.from({ length: 3000 }, (_, i) => ({
  app: 'com.example.app',
  id: i.toString(16).padStart(40, '0'),
  status: i % 4 === 0 ? 'accepted' : 'pending',
  email: `user${i}@example.com`,
  deviceDescription: 'iPhone 15 – été',
  deviceId: `DEV-${i}`,
  os: 'iOS',
  osVersion: '17.2',
  simulator: false,
  language: 'fr_FR',
  ip: `10.0.${i % 255}.1`,
  appVersion: '1.2.3',
  mtimeMs: 1_700_000_000_000 + i,
  size: 700,
  warnings: [],
}));

let server: Server;
let port = 0;

beforeAll(async () => {
  const api = {} as Record<string, unknown>;
  for (const m of API_METHODS) api[m] = async () => null;
  api['listSessions'] = async () => records;
  api['getState'] = async () => ({ small: true });
  const handler = createApiHandler(api as unknown as SessionApi);
  server = createServer((req, res) => {
    const method = (req.url ?? '').replace('/api/', '');
    handler(req, res, method).catch((err: unknown) => sendFailure(res, toHttpFailure(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function post(
  method: string,
  acceptEncoding?: string,
  args: unknown[] = ['com.example.app'],
): Promise<{ headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}

describe('compressed API responses', () => {
  const expected = JSON.stringify({ ok: true, value: records });

  it('answers brotli when accepted, and it decodes to the same JSON', async () => {
    const { headers, body } = await post('listSessions', 'gzip, deflate, br');
    expect(headers['content-encoding']).toBe('br');
    expect(headers['vary']).toBe('Accept-Encoding');
    expect(Number(headers['content-length'])).toBe(body.length);
    expect(body.length).toBeLessThan(expected.length / 5);
    expect(brotliDecompressSync(body).toString('utf8')).toBe(expected);
  });

  it('answers gzip to a client that only takes gzip (or refuses br with q=0)', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip;q=1']) {
      const { headers, body } = await post('listSessions', accept);
      expect(headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual(JSON.parse(expected));
    }
  });

  it('sends plain JSON without Accept-Encoding, and small answers uncompressed', async () => {
    const plain = await post('listSessions');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(expected);
    const small = await post('getState', 'br, gzip', []);
    expect(small.body.length).toBeLessThan(COMPRESS_MIN_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toEqual({ ok: true, value: { small: true } });
  });
});

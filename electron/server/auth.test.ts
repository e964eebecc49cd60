import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { AccessGuard, isWildcard, readCookie, urlHost } from './auth';
import { HttpFailure } from './http-failure';

const TOKEN = 'tok-0123456789';
const PORT = 4810;

function req(method: string, headers: Record<string, string>): IncomingMessage {
  return { method, headers } as unknown as IncomingMessage;
}

function statusOf(fn: () => void): number | 'passed' {
  try {
    fn();
    return 'passed';
  } catch (err) {
    if (err instanceof HttpFailure) return err.status;
    throw err;
  }
}

const guard = (host = '127.0.0.1') => new AccessGuard({ host, token: TOKEN, port: () => PORT });
const url = (path: string) => new URL(path, `http://127.0.0.1:${PORT}`);

describe('access guard', () => {
  it('accepts only our own address (or loopback names) in Host, with our port', () => {
    const g = guard();
    expect(statusOf(() => g.checkAddress(req('GET', { host: `127.0.0.1:${PORT}` })))).toBe('passed');
    expect(statusOf(() => g.checkAddress(req('GET', { host: `LOCALHOST:${PORT}` })))).toBe('passed');
    expect(statusOf(() => g.checkAddress(req('GET', { host: `[::1]:${PORT}` })))).toBe('passed');
    expect(statusOf(() => g.checkAddress(req('GET', { host: `127.0.0.1:${PORT + 1}` })))).toBe(421);
    expect(statusOf(() => g.checkAddress(req('GET', { host: `evil.example:${PORT}` })))).toBe(421);
    expect(statusOf(() => g.checkAddress(req('GET', {})))).toBe(421);
    // Bound to every interface: any Host (the token still guards).
    expect(statusOf(() => guard('0.0.0.0').checkAddress(req('GET', { host: 'box.lan:1' })))).toBe('passed');
  });

  it('refuses another origin, allows ours or none', () => {
    const g = guard();
    const host = `127.0.0.1:${PORT}`;
    expect(statusOf(() => g.checkAddress(req('POST', { host, origin: 'http://evil.example' })))).toBe(403);
    expect(statusOf(() => g.checkAddress(req('POST', { host, origin: `http://${host}` })))).toBe('passed');
  });

  it('takes the token from the header for POST, and also query or cookie for GET', () => {
    const g = guard();
    const cookie = `other=1; msm_token_${PORT}=${TOKEN}`;
    expect(statusOf(() => g.checkToken(req('POST', { 'x-msm-token': TOKEN }), url('/api/x')))).toBe('passed');
    expect(statusOf(() => g.checkToken(req('POST', {}), url(`/api/x?token=${TOKEN}`)))).toBe(401);
    expect(statusOf(() => g.checkToken(req('POST', { cookie }), url('/api/x')))).toBe(401);
    expect(statusOf(() => g.checkToken(req('GET', {}), url(`/?token=${TOKEN}`)))).toBe('passed');
    expect(statusOf(() => g.checkToken(req('GET', { cookie }), url('/')))).toBe('passed');
    expect(statusOf(() => g.checkToken(req('GET', {}), url('/?token=wrong')))).toBe(401);
    expect(statusOf(() => g.checkToken(req('GET', { 'x-msm-token': `${TOKEN}x` }), url('/')))).toBe(401);
  });

  it('sets the per-port HttpOnly cookie only for the right query token', () => {
    const g = guard();
    expect(g.cookieFor(url(`/?token=${TOKEN}`))).toBe(`msm_token_${PORT}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
    expect(g.cookieFor(url('/?token=nope'))).toBeNull();
    expect(g.cookieFor(url('/'))).toBeNull();
  });

  it('reads cookies and brackets IPv6 hosts', () => {
    expect(readCookie(' a=1 ; b = 2', 'b')).toBe('2');
    expect(readCookie('a=1', 'b')).toBeUndefined();
    expect(readCookie(undefined, 'b')).toBeUndefined();
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('[::1]')).toBe('[::1]');
    expect(urlHost('127.0.0.1')).toBe('127.0.0.1');
    expect(isWildcard('::')).toBe(true);
    expect(isWildcard('127.0.0.1')).toBe(false);
  });
});

// @vitest-environment jsdom
import { describe, expect, it, beforeEach } from 'vitest';
import { createHttpClient, takeTokenFromLocation, TOKEN_STORAGE_KEY } from './http-client';
import type { EngineEvent } from '../../../shared/types';

type Call = { url: string; init: RequestInit };

function fakeFetch(reply: (c: Call) => { status: number; body: unknown }) {
  const calls: Call[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    const c = { url, init };
    calls.push(c);
    const r = reply(c);
    return new Response(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), { status: r.status });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((m: MessageEvent) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  close() {
    this.readyState = 2;
  }
  emit(e: EngineEvent) {
    this.onmessage?.({ data: JSON.stringify(e) } as MessageEvent);
  }
}

beforeEach(() => {
  sessionStorage.clear();
  FakeEventSource.instances = [];
  history.replaceState(null, '', '/');
});

describe('takeTokenFromLocation', () => {
  it('takes ?token=, stores it and strips it from the address bar', () => {
    history.replaceState(null, '', '/?token=abc123&lang=fr#x');
    expect(takeTokenFromLocation()).toBe('abc123');
    expect(location.search).toBe('?lang=fr');
    expect(location.hash).toBe('#x');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('abc123');
    // After a reload the address has no token any more: sessionStorage answers.
    expect(takeTokenFromLocation()).toBe('abc123');
  });
});

describe('createHttpClient', () => {
  it('POSTs each call with the token header and unwraps the envelope', async () => {
    const f = fakeFetch(() => ({ status: 200, body: { ok: true, value: ['x'] } }));
    const client = createHttpClient({
      baseUrl: 'http://127.0.0.1:9',
      token: 'tok',
      fetch: f.fn,
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    expect(await client.listSessions('TEAM.com.x')).toEqual(['x']);
    expect(f.calls[0]?.url).toBe('http://127.0.0.1:9/api/listSessions');
    expect(f.calls[0]?.init.method).toBe('POST');
    expect((f.calls[0]?.init.headers as Record<string, string>)['X-MSM-Token']).toBe('tok');
    expect(f.calls[0]?.init.body).toBe('["TEAM.com.x"]');
  });

  it('throws an Error carrying the code of a failed call, also on HTTP errors', async () => {
    const f = fakeFetch((c) =>
      c.url.endsWith('/getSession')
        ? { status: 200, body: { ok: false, error: { code: 'not-found', message: 'gone' } } }
        : c.url.endsWith('/refresh')
          ? { status: 401, body: { ok: false, error: { code: 'unauthorized', message: 'token' } } }
          : { status: 502, body: '<html>bad gateway</html>' },
    );
    const client = createHttpClient({
      baseUrl: '',
      token: 't',
      fetch: f.fn,
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    await expect(client.getSession({ app: 'a', id: 'b' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'gone',
    });
    await expect(client.refresh()).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(client.getState()).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('HTTP 502'),
    });
    const err = await client.getSession({ app: 'a', id: 'b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
  });

  it('reports an unreachable server clearly', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const client = createHttpClient({
      baseUrl: '',
      token: 't',
      fetch: failing,
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    await expect(client.getState()).rejects.toMatchObject({
      code: 'io',
      message: expect.stringContaining('cannot be reached'),
    });
  });

  it('shares one event stream, reconnects when it closes, and closes with the last listener', async () => {
    const f = fakeFetch(() => ({ status: 200, body: { ok: true, value: null } }));
    const client = createHttpClient({
      baseUrl: 'http://h',
      token: 't/k',
      fetch: f.fn,
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const a: EngineEvent[] = [];
    const b: EngineEvent[] = [];
    const offA = client.onEvent((e) => a.push(e));
    const offB = client.onEvent((e) => b.push(e));
    expect(FakeEventSource.instances).toHaveLength(1);
    const first = FakeEventSource.instances[0]!;
    expect(first.url).toBe('http://h/api/events?token=t%2Fk');
    first.emit({ type: 'unpushed', count: 2 });
    expect(a).toEqual([{ type: 'unpushed', count: 2 }]);
    expect(b).toEqual(a);
    // The browser gave up on the stream: a new one is opened after a short delay.
    first.readyState = FakeEventSource.CLOSED;
    first.onerror?.();
    await new Promise<void>((resolve) => {
      const check = () => (FakeEventSource.instances.length === 2 ? resolve() : setTimeout(check, 50));
      check();
    });
    offA();
    offB();
    expect(FakeEventSource.instances[1]!.readyState).toBe(FakeEventSource.CLOSED);
  });
});

// Browser mode's SessionClient: the same contract as the desktop preload
// bridge, over HTTP — one POST /api/<method> per call (JSON array of
// arguments, ApiResponse envelope back) and one Server-Sent Events stream for
// engine events. The access token comes from the address the server printed
// (?token=…); it is kept in sessionStorage and removed from the address bar so
// it does not end up in screenshots, bookmarks or the history.

import { API_METHODS, type ApiResponse, type SessionClient } from '../../../shared/api';
import { ApiError } from '../../../shared/api-error';
import type { EngineEvent } from '../../../shared/types';

export const TOKEN_STORAGE_KEY = 'msm-token';
const TOKEN_HEADER = 'X-MSM-Token';
const MAX_RECONNECT_DELAY_MS = 10_000;

export interface HttpClientOptions {
  /** Origin + path prefix of the server; defaults to the page's origin. */
  baseUrl?: string;
  /** Defaults to reading ?token= from the page address (then sessionStorage). */
  token?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

/** Reads ?token= from the address, stores it for reloads, and strips it from the address bar. */
export function takeTokenFromLocation(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // storage disabled: the token still lives in this page's memory
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

function isEnvelope(value: unknown): value is ApiResponse<unknown> {
  if (!value || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && typeof v.error === 'object' && v.error !== null);
}

export function createHttpClient(options: HttpClientOptions = {}): SessionClient {
  const base = (options.baseUrl ?? window.location.origin).replace(/\/$/, '');
  const token = options.token ?? takeTokenFromLocation() ?? '';
  const doFetch = options.fetch ?? window.fetch.bind(window);
  const EventSourceImpl = options.EventSource ?? window.EventSource;

  async function call(method: string, args: unknown[]): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(`${base}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(args),
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new ApiError(
        'io',
        `The Mobile Session Manager server cannot be reached (${why}). Is "npm run serve" still running?`,
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ApiError(
        'internal',
        `The server answered ${method} with HTTP ${response.status} and no readable reply.`,
      );
    }
    if (!isEnvelope(body)) {
      throw new ApiError(
        'internal',
        `The server answered ${method} with HTTP ${response.status} and an unexpected reply.`,
      );
    }
    if (body.ok) return body.value;
    throw new ApiError(body.error.code, body.error.message);
  }

  const client: Record<string, unknown> = {};
  for (const method of API_METHODS) client[method] = (...args: unknown[]) => call(method, args);
  client.onEvent = eventStream(`${base}/api/events?token=${encodeURIComponent(token)}`, EventSourceImpl);
  return client as unknown as SessionClient;
}

/**
 * One shared EventSource for all subscribers, opened with the first and
 * closed with the last. EventSource retries by itself after a dropped
 * connection; when it gives up (readyState CLOSED) we open a new one with
 * backoff. The server sends a full {type:'state'} first on every connection,
 * so the UI is brought up to date after any gap.
 */
function eventStream(url: string, EventSourceImpl: typeof EventSource) {
  const listeners = new Set<(event: EngineEvent) => void>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let delay = 500;

  const connect = () => {
    retryTimer = null;
    const es = new EventSourceImpl(url);
    source = es;
    es.onopen = () => {
      delay = 500;
    };
    es.onmessage = (message: MessageEvent) => {
      let event: EngineEvent;
      try {
        event = JSON.parse(String(message.data)) as EngineEvent;
      } catch {
        return; // a malformed message is dropped; the next 'state' resynchronises
      }
      for (const l of [...listeners]) l(event);
    };
    es.onerror = () => {
      if (es.readyState !== EventSourceImpl.CLOSED || source !== es) return;
      source = null;
      if (listeners.size === 0) return;
      retryTimer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS);
    };
  };

  const disconnect = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    source?.close();
    source = null;
  };

  return (listener: (event: EngineEvent) => void): (() => void) => {
    listeners.add(listener);
    if (!source && !retryTimer) connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) disconnect();
    };
  };
}

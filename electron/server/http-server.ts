// Browser mode: the same engine behind a small loopback HTTP server that
// implements the shared API contract —
//   POST /api/<method>  body: JSON array of arguments → ApiResponse JSON
//   GET  /api/events    Server-Sent Events: one EngineEvent per message, a
//                       {type:'state'} first, comment heartbeats
//   GET  /…             the built renderer (out/renderer), CSP by header
// Every request must carry the random access token: header X-MSM-Token
// (required for POST), or on GET the `?token=` query / the HttpOnly
// SameSite=Strict cookie set when the page was opened with `?token=`.
// Host and Origin are checked against our own address (DNS rebinding, CSRF).
// No Electron import.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiErrorCode, EngineEvent } from '../../shared/types';
import type { ApiResponse, FolderApi, SessionApi, SessionClient } from '../../shared/api';
import { dispatch } from '../engine/api-dispatch';
import { contentTypeFor, HARDENING_HEADERS, resolveStaticFile } from './static-files';

export const TOKEN_HEADER = 'x-msm-token';
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024; // 200,000 refs fit comfortably
const HEARTBEAT_MS = 15_000;

export interface ServerOptions {
  /** The engine (a WorkspaceSet, or a single Workspace whose folder-list methods answer 'unsupported'). */
  api: SessionApi & Partial<FolderApi> & Pick<SessionClient, 'onEvent'>;
  /** The built renderer directory (out/renderer). */
  staticDir: string;
  /** Interface to bind; 127.0.0.1 unless the user asked otherwise. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token (tests); random 32 bytes otherwise. */
  token?: string;
  maxBodyBytes?: number;
  heartbeatMs?: number;
}

export interface RunningServer {
  /** The address to open, token included. */
  url: string;
  host: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBuf = Buffer.from(token);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const streams = new Set<ServerResponse>();
  let port = 0;

  const cookieName = () => `msm_token_${port}`; // cookies ignore ports: one name per server

  const tokenMatches = (candidate: string | undefined): boolean => {
    if (!candidate) return false;
    const buf = Buffer.from(candidate);
    return buf.length === tokenBuf.length && timingSafeEqual(buf, tokenBuf);
  };

  const allowedHost = (hostHeader: string | undefined): boolean => {
    if (!hostHeader) return false;
    // Bound to every interface: the operator chose exposure; the token still guards.
    if (isWildcard(host)) return true;
    const names = new Set([...LOOPBACK_NAMES, urlHost(host)]);
    return [...names].some((n) => hostHeader.toLowerCase() === `${n}:${port}`);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const failure =
        err instanceof HttpFailure ? err : new HttpFailure(500, 'internal', 'Internal server error.');
      if (!(err instanceof HttpFailure)) console.error('[serve]', err);
      sendError(res, failure);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHost(req.headers.host)) {
      throw new HttpFailure(421, 'unauthorized', 'Unexpected Host header; open the address the server printed.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      throw new HttpFailure(403, 'unauthorized', 'Cross-origin requests are refused.');
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const isPost = req.method === 'POST';
    const headerToken = firstHeader(req.headers[TOKEN_HEADER]);
    const queryToken = url.searchParams.get('token') ?? undefined;
    const cookieToken = readCookie(req.headers.cookie, cookieName());
    const authorized = isPost
      ? tokenMatches(headerToken)
      : tokenMatches(headerToken) || tokenMatches(queryToken) || tokenMatches(cookieToken);
    if (!authorized) {
      throw new HttpFailure(401, 'unauthorized', 'Missing or wrong access token; open the address the server printed.');
    }

    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/events') {
        if (req.method !== 'GET') throw new HttpFailure(405, 'invalid-argument', 'Use GET for /api/events.');
        return openEventStream(req, res);
      }
      if (!isPost) throw new HttpFailure(405, 'invalid-argument', 'API calls use POST.');
      return callApi(req, res, url.pathname.slice('/api/'.length));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpFailure(405, 'invalid-argument', 'Only GET and HEAD are served here.');
    }
    if (queryToken && tokenMatches(queryToken)) {
      res.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    return serveStatic(req, res, url.pathname);
  }

  async function callApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new HttpFailure(415, 'invalid-argument', 'Send the arguments as application/json.');
    }
    const body = await readBody(req, maxBody);
    let args: unknown;
    try {
      args = body.length === 0 ? [] : JSON.parse(body);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new HttpFailure(400, 'invalid-argument', `The request body is not valid JSON: ${why}`);
    }
    if (!Array.isArray(args)) {
      throw new HttpFailure(400, 'invalid-argument', 'The request body must be a JSON array of arguments.');
    }
    const response = await dispatch(options.api, decodeMethod(method), args);
    sendJson(res, 200, response);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...HARDENING_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    streams.add(res);
    // Subscribe first, then send the snapshot, so nothing falls between them.
    const queue: EngineEvent[] = [];
    let snapshotSent = false;
    const write = (e: EngineEvent) => res.write(`data: ${JSON.stringify(e)}\n\n`);
    const unsubscribe = options.api.onEvent((e) => (snapshotSent ? write(e) : queue.push(e)));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('error', stop);
    options.api.getState().then(
      (state) => {
        write({ type: 'state', state });
        snapshotSent = true;
        for (const e of queue.splice(0)) if (e.type !== 'state') write(e);
      },
      (err: unknown) => {
        console.error('[serve] getState failed for the event stream', err);
        res.end();
      },
    );
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const file = await resolveStaticFile(options.staticDir, pathname);
    if (!file && pathname === '/favicon.ico') {
      // Browsers ask for it on their own; answer "nothing" rather than a 404 in the console.
      res.writeHead(204, { ...HARDENING_HEADERS, 'Cache-Control': 'private, max-age=86400' });
      res.end();
      return;
    }
    if (!file) throw new HttpFailure(404, 'not-found', 'Not found.');
    const html = file.endsWith('.html');
    res.writeHead(200, {
      ...HARDENING_HEADERS,
      'Content-Type': contentTypeFor(file),
      // Hashed assets may be cached; the page itself is always fetched fresh.
      'Cache-Control': html ? 'no-store' : 'private, max-age=3600',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(file);
      stream.on('error', reject);
      stream.on('end', resolve);
      stream.pipe(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = isWildcard(host) ? '127.0.0.1' : urlHost(host);

  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    host,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function decodeMethod(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // dispatch refuses it as an unknown method
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpFailure(413, 'invalid-argument', `The request body is larger than ${limit} bytes.`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpFailure(413, 'invalid-argument', `The request body is larger than ${limit} bytes.`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...HARDENING_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: ServerResponse, failure: HttpFailure): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, failure.status, { ok: false, error: { code: failure.code, message: failure.message } });
}

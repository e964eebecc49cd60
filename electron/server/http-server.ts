// Browser mode: the same engine behind a small loopback HTTP server that
// implements the shared API contract —
//   POST /api/<method>  body: JSON array of arguments → ApiResponse JSON (api-handler.ts)
//   GET  /api/events    Server-Sent Events, a {type:'state'} first (event-stream.ts)
//   GET  /…             the built renderer (out/renderer), CSP by header (static-files.ts)
// Every request passes the access guard first (auth.ts: Host, Origin, token).
// This module only routes between them and owns the listening socket.
// No Electron import.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FolderApi, SessionApi, SessionClient } from '../../shared/api';
import { createApiHandler, type ApiHandler } from './api-handler';
import { AccessGuard, isWildcard, newAccessToken, urlHost } from './auth';
import { EventStreams } from './event-stream';
import { HttpFailure, sendFailure, toHttpFailure } from './http-failure';
import { sendStaticFile } from './static-files';

export { TOKEN_HEADER } from './auth';
export { DEFAULT_MAX_BODY_BYTES } from './api-handler';

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

interface Handlers {
  guard: AccessGuard;
  callApi: ApiHandler;
  events: EventStreams;
  staticDir: string;
}

/** Which handler answers: the guard has already passed the request. */
async function route(h: Handlers, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (url.pathname === '/api/events') {
    if (req.method !== 'GET') throw new HttpFailure(405, 'invalid-argument', 'Use GET for /api/events.');
    return h.events.open(req, res);
  }
  if (url.pathname.startsWith('/api/')) {
    if (req.method !== 'POST') throw new HttpFailure(405, 'invalid-argument', 'API calls use POST.');
    return h.callApi(req, res, url.pathname.slice('/api/'.length));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpFailure(405, 'invalid-argument', 'Only GET and HEAD are served here.');
  }
  const cookie = h.guard.cookieFor(url);
  if (cookie) res.setHeader('Set-Cookie', cookie);
  const served = await sendStaticFile(req, res, h.staticDir, url.pathname);
  if (!served) throw new HttpFailure(404, 'not-found', 'Not found.');
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newAccessToken();
  let port = 0;
  const handlers: Handlers = {
    guard: new AccessGuard({ host, token, port: () => port }),
    callApi: createApiHandler(options.api, options.maxBodyBytes),
    events: new EventStreams(options.api, options.heartbeatMs),
    staticDir: options.staticDir,
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    handlers.guard.checkAddress(req);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    handlers.guard.checkToken(req, url);
    await route(handlers, req, res, url);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendFailure(res, toHttpFailure(err)));
  });
  port = await listen(server, options.port ?? 0, host);
  const shownHost = isWildcard(host) ? '127.0.0.1' : urlHost(host);
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    host,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        handlers.events.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

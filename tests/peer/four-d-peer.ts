// Test fixture, not a product feature: a loopback HTTP server that behaves like
// the 4D endpoint documented in docs/4d/ (the MSM_RefreshSessions 4DACTION
// method, or the REST DataStore function when `path` starts with /rest/).
// It checks the Bearer secret, answers like the 4D code would, and can be made
// slow, to fail, to close the connection, or to answer something that is not JSON.
//
// Run by hand:  PUSH_SECRET=s3cret npx tsx tests/peer/four-d-peer.ts [port]

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pathToFileURL } from 'node:url';

export type PeerMode = 'ok' | 'slow' | 'fail' | 'close' | 'wrong-json';

export interface PeerRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The Bearer secret matched. */
  authorized: boolean;
}

export interface FourDPeerOptions {
  secret: string;
  mode?: PeerMode;
  /** How long "slow" waits before answering; default 5000 ms. */
  delayMs?: number;
  /** Default "/4DACTION/MSM_RefreshSessions". A path under /rest/ answers like 4D's REST server. */
  path?: string;
  /** Default 0: any free port. */
  port?: number;
}

export interface FourDPeer {
  /** Full URL of the endpoint, e.g. http://127.0.0.1:40123/4DACTION/MSM_RefreshSessions */
  url: string;
  /** Every request received, in order, authorized or not. */
  requests: PeerRequest[];
  /** How many times the sessions were "reloaded" (authorized refreshSessions answered with success). */
  refreshCount(): number;
  setMode(mode: PeerMode, delayMs?: number): void;
  close(): Promise<void>;
}

export const DEFAULT_PEER_PATH = '/4DACTION/MSM_RefreshSessions';
const MAX_BODY = 64 * 1024;

function sendJson(
  res: http.ServerResponse,
  status: number,
  value: unknown,
  extra: http.OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    Server: '4D/20.0',
    ...extra,
  });
  res.end(text);
}

/** 4D's web server answers unknown URLs with a small HTML page. */
function sendNotFound(res: http.ServerResponse, path: string): void {
  const html = `<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL ${path} was not found on this server.</p></body></html>`;
  res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', Server: '4D/20.0' });
  res.end(html);
}

function bearerOf(headers: http.IncomingHttpHeaders): string {
  const auth = headers.authorization ?? '';
  return /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '').trim() : '';
}

/** The action from `{"action": …}` (4DACTION) or `[{"action": …}]` (REST parameters). */
function actionOf(body: string, rest: boolean): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const obj: unknown = rest && Array.isArray(parsed) ? parsed[0] : parsed;
    if (typeof obj === 'object' && obj !== null && typeof (obj as { action?: unknown }).action === 'string') {
      return (obj as { action: string }).action;
    }
  } catch {
    // fall through
  }
  return null;
}

export async function startFourDPeer(opts: FourDPeerOptions): Promise<FourDPeer> {
  let mode: PeerMode = opts.mode ?? 'ok';
  let delayMs = opts.delayMs ?? 5000;
  const path = opts.path ?? DEFAULT_PEER_PATH;
  const rest = path.startsWith('/rest/');
  const requests: PeerRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let refreshes = 0;

  /** Wraps the answer the way each 4D variant does. */
  const answer = (res: http.ServerResponse, status: number, value: Record<string, unknown>): void => {
    sendJson(res, status, rest && status === 200 ? { result: value } : value);
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, body: string): void => {
    const reqPath = (req.url ?? '/').split('?')[0] ?? '/';
    const authorized = bearerOf(req.headers) === opts.secret && opts.secret !== '';
    requests.push({ method: req.method ?? '', path: reqPath, headers: req.headers, body, authorized });

    if (reqPath !== path) return sendNotFound(res, reqPath);
    if (mode === 'close') {
      req.socket.destroy();
      return;
    }
    if (req.method !== 'POST') return answer(res, 405, { success: false, error: 'Use POST.' });
    if (!authorized) {
      const refusal = { success: false, code: 'unauthorized', error: 'Unauthorized' };
      // A REST function cannot set the status: it answers 200 with the refusal in the body.
      if (rest) return answer(res, 200, refusal);
      return sendJson(res, 401, refusal, { 'WWW-Authenticate': 'Bearer' });
    }
    const action = actionOf(body, rest);
    if (action !== 'refreshSessions' && action !== 'ping') {
      return answer(res, 400, { success: false, error: 'Unknown action: use "refreshSessions" or "ping".' }); // never echoes input, like MSM_Perform
    }
    const reply = (): void => {
      if (mode === 'wrong-json') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', Server: '4D/20.0' });
        res.end('<html><body><h1>Welcome to 4D Web Server</h1></body></html>');
        return;
      }
      if (mode === 'fail') {
        const error = 'MOBILE APP REFRESH SESSIONS failed: error 2 (mobi): The json file is not correctly formed.';
        if (rest) {
          sendJson(res, 500, { __ERROR: [{ message: error, componentSignature: 'mobi', errCode: 2 }] });
        } else {
          answer(res, 500, { success: false, error });
        }
        return;
      }
      if (action === 'refreshSessions') refreshes++;
      answer(res, 200, { success: true });
    };
    if (mode !== 'slow') return reply();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed && !req.socket.destroyed) reply();
    }, delayMs);
    timers.add(timer);
    req.socket.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    refreshCount: () => refreshes,
    setMode(next, nextDelay) {
      mode = next;
      if (nextDelay !== undefined) delayMs = nextDelay;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Manual use: a peer on a fixed port, secret from PUSH_SECRET.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.PUSH_SECRET ?? '';
  if (!secret) {
    console.error('Set PUSH_SECRET to the secret the peer should accept.');
    process.exit(2);
  }
  const peer = await startFourDPeer({ secret, port: Number(process.argv[2] ?? 0) });
  console.log(`4D test peer listening: ${peer.url}`);
}

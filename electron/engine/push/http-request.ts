// One HTTP(S) POST to the 4D endpoint, with an overall deadline and a bounded
// response. It never throws and never retries: it reports what happened, and
// classify.ts turns that into a PushResult. Redirects are not followed at all
// (node:http never does), so the secret only ever goes to the configured host.

import http from 'node:http';
import https from 'node:https';
import { MAX_RESPONSE_BYTES } from './types';

export interface PushRequest {
  url: URL;
  secret: string;
  /** JSON text sent as the body. */
  body: string;
  timeoutMs: number;
  userAgent: string;
}

export type RawOutcome =
  | {
      kind: 'response';
      status: number;
      statusText: string;
      location: string | undefined;
      body: string;
      /** True when the body was cut at MAX_RESPONSE_BYTES or by a dropped connection. */
      truncated: boolean;
    }
  | { kind: 'timeout' }
  | { kind: 'error'; code: string; message: string };

function requestOptions(req: PushRequest, payload: Buffer): https.RequestOptions {
  const { url } = req;
  return {
    protocol: url.protocol,
    // URL keeps IPv6 literals bracketed; node:http wants them bare.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    method: 'POST',
    // A fresh connection per push: nothing pooled, nothing left open afterwards.
    agent: false,
    headers: {
      Authorization: `Bearer ${req.secret}`,
      'Content-Type': 'application/json; charset=utf-8',
      Accept: 'application/json',
      'Content-Length': String(payload.length),
      'User-Agent': req.userAgent,
    },
  };
}

export function sendPushRequest(req: PushRequest): Promise<RawOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined = undefined; // set once the request exists
    const finish = (outcome: RawOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };

    const payload = Buffer.from(req.body, 'utf8');
    const client = req.url.protocol === 'https:' ? https : http;
    let request: http.ClientRequest;
    try {
      request = client.request(requestOptions(req, payload));
    } catch (err) {
      // e.g. a header value with forbidden characters: report, never throw.
      const e = err as NodeJS.ErrnoException;
      finish({ kind: 'error', code: e.code ?? 'EINVAL', message: e.message });
      return;
    }

    timer = setTimeout(() => {
      finish({ kind: 'timeout' });
      request.destroy();
    }, req.timeoutMs);

    request.on('error', (err: NodeJS.ErrnoException) => {
      finish({ kind: 'error', code: err.code ?? '', message: err.message });
    });

    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (truncated: boolean): void => {
        finish({
          kind: 'response',
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          location: typeof res.headers.location === 'string' ? res.headers.location : undefined,
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
        });
      };
      res.on('data', (chunk: Buffer) => {
        const room = MAX_RESPONSE_BYTES - size;
        if (chunk.length <= room) {
          chunks.push(chunk);
          size += chunk.length;
          return;
        }
        chunks.push(chunk.subarray(0, room));
        size = MAX_RESPONSE_BYTES;
        done(true);
        res.destroy();
      });
      res.on('end', () => done(false));
      // The status line arrived, then the connection dropped: keep what we have.
      res.on('error', () => done(true));
      res.on('aborted', () => done(true));
    });

    request.end(payload);
  });
}

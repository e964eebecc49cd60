// The one way a browser-mode handler says "no": throw an HttpFailure. The
// server's top level turns it into the same ApiResponse error JSON the API
// itself answers with, so the renderer's HTTP client reads every refusal alike.
// No Electron import.

import type { ServerResponse } from 'node:http';
import type { ApiErrorCode } from '../../shared/types';
import type { ApiResponse } from '../../shared/api';
import { HARDENING_HEADERS } from './static-files';

export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...HARDENING_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Answers with the failure; when a stream already started (SSE, a file), it can only be cut short. */
export function sendFailure(res: ServerResponse, failure: HttpFailure): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, failure.status, { ok: false, error: { code: failure.code, message: failure.message } });
}

/** Anything else thrown is a bug: logged here, and the client learns nothing about it. */
export function toHttpFailure(err: unknown): HttpFailure {
  if (err instanceof HttpFailure) return err;
  console.error('[serve]', err);
  return new HttpFailure(500, 'internal', 'Internal server error.');
}

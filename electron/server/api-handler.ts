// POST /api/<method>, body: a JSON array of arguments → ApiResponse JSON.
// Only the transport lives here (content type, size limit, JSON array); the
// method name and every argument are checked by the engine's dispatch against
// the shared API contract, exactly as the desktop app's IPC calls are.
// No Electron import.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionApi } from '../../shared/api';
import { dispatch } from '../engine/api-dispatch';
import { sendMaybeCompressed } from './compress';
import { HttpFailure } from './http-failure';
import { HARDENING_HEADERS } from './static-files';

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024; // 200,000 refs fit comfortably

export type ApiHandler = (req: IncomingMessage, res: ServerResponse, method: string) => Promise<void>;

export function createApiHandler(api: SessionApi, maxBodyBytes: number = DEFAULT_MAX_BODY_BYTES): ApiHandler {
  return async (req, res, method) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new HttpFailure(415, 'invalid-argument', 'Send the arguments as application/json.');
    }
    const args = parseArguments(await readBody(req, maxBodyBytes));
    const answer = JSON.stringify(await dispatch(api, decodeMethod(method), args));
    // Large answers (listSessions of a 100,000-session folder) go compressed when the browser accepts it.
    await sendMaybeCompressed(req, res, 200, API_HEADERS, answer);
  };
}

const API_HEADERS: Record<string, string> = {
  ...HARDENING_HEADERS,
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
};

/** The request body as the method's argument list; an empty body means no arguments. */
export function parseArguments(body: string): unknown[] {
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
  return args;
}

export function decodeMethod(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // dispatch refuses it as an unknown method
  }
}

function tooLarge(limit: number): HttpFailure {
  return new HttpFailure(413, 'invalid-argument', `The request body is larger than ${limit} bytes.`);
}

/** Refuses a body over `limit` as soon as it is announced or seen, without buffering the rest. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      reject(tooLarge(limit));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(tooLarge(limit));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// Response compression for browser mode. At 100,000 sessions one listSessions
// answer is tens of MB of JSON that compresses about tenfold; over a real network
// (or a remote desktop's tunnel) the bytes, not the CPU, are what the user waits
// for. Brotli at a fast quality when the client accepts it, else gzip; bodies
// under COMPRESS_MIN_BYTES go as they are (headers would outweigh the saving).
// Compression runs on libuv's thread pool, never on the event loop.
// No Electron import.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip, type BrotliOptions } from 'node:zlib';
import type { Transform } from 'node:stream';

export const COMPRESS_MIN_BYTES = 8 * 1024;

export type ContentEncoding = 'br' | 'gzip';

/** Fast settings: most of the size gain at a fraction of the default's time. */
const BROTLI: BrotliOptions = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};
const GZIP_LEVEL = 5;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The encoding to answer with, from the request's Accept-Encoding (q=0 refuses one). */
export function acceptedEncoding(req: IncomingMessage): ContentEncoding | null {
  const header = req.headers['accept-encoding'];
  const text = (Array.isArray(header) ? header.join(',') : (header ?? '')).toLowerCase();
  const accepted = new Set<string>();
  for (const part of text.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

export function compressBody(body: Buffer, encoding: ContentEncoding): Promise<Buffer> {
  return encoding === 'br' ? brotliAsync(body, BROTLI) : gzipAsync(body, { level: GZIP_LEVEL });
}

export function compressStream(encoding: ContentEncoding): Transform {
  return encoding === 'br' ? createBrotliCompress(BROTLI) : createGzip({ level: GZIP_LEVEL });
}

/**
 * Sends `text` with `headers`, compressed when the client accepts it and the
 * body is large enough. `Vary` tells caches the answer depends on Accept-Encoding.
 */
export async function sendMaybeCompressed(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  text: string,
): Promise<void> {
  const body = Buffer.from(text, 'utf8');
  const encoding = body.length >= COMPRESS_MIN_BYTES ? acceptedEncoding(req) : null;
  const payload = encoding ? await compressBody(body, encoding) : body;
  res.writeHead(status, {
    ...headers,
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
    Vary: 'Accept-Encoding',
    'Content-Length': String(payload.length),
  });
  res.end(payload);
}

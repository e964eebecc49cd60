// Serving the built renderer (out/renderer) safely, shared by the browser-mode
// HTTP server and the desktop app's app:// protocol handler: one path resolver
// that cannot leave the root, one MIME table, one Content-Security-Policy;
// and browser mode's GET/HEAD handler on top of them.
// No Electron import.

import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, posix, relative, sep } from 'node:path';
import { acceptedEncoding, compressStream } from './compress';

/**
 * The renderer's Content-Security-Policy, exactly as renderer/index.html
 * carries it in its <meta> tag (tests/smoke checks they are identical).
 * `connect-src 'self'` lets browser mode call its own origin's /api; nothing
 * else may be fetched, embedded or run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * What the header sends: the same policy plus `frame-ancestors`, which only
 * works as a header (browsers ignore it in a <meta> tag).
 */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** Headers every response from us carries, besides the CSP. */
export const HARDENING_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'));
}

/**
 * Maps a URL pathname ("/assets/x.js", percent-encoded) to a regular file
 * inside `root`, or null. "/" means index.html; other directories, dot-dot,
 * NUL bytes, backslashes, malformed escapes and symlinks leading outside the
 * root all give null (the caller answers 404 — no directory listings).
 */
export async function resolveStaticFile(root: string, urlPathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return null;
  if (decoded.split('/').includes('..')) return null;
  const normal = posix.normalize(decoded);
  const relPath = normal === '/' ? 'index.html' : normal.slice(1);
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(realRoot, ...relPath.split('/')));
    if (!isInside(realRoot, real)) return null;
    const info = await stat(real);
    return info.isFile() ? real : null;
  } catch {
    return null;
  }
}

/**
 * Browser mode's GET/HEAD of the built renderer. Returns false when there is
 * nothing to serve (the caller answers 404); a missing favicon gets 204, since
 * browsers ask for it on their own and a 404 would only clutter the console.
 */
export async function sendStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathname: string,
): Promise<boolean> {
  const file = await resolveStaticFile(root, pathname);
  if (!file && pathname === '/favicon.ico') {
    res.writeHead(204, { ...HARDENING_HEADERS, 'Cache-Control': 'private, max-age=86400' });
    res.end();
    return true;
  }
  if (!file) return false;
  const type = contentTypeFor(file);
  // Scripts, styles and the page compress several-fold; images and fonts are compressed already.
  const encoding = COMPRESSIBLE.test(type) ? acceptedEncoding(req) : null;
  res.writeHead(200, {
    ...HARDENING_HEADERS,
    'Content-Type': type,
    // Hashed assets may be cached; the page itself is always fetched fresh.
    'Cache-Control': file.endsWith('.html') ? 'no-store' : 'private, max-age=3600',
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
    Vary: 'Accept-Encoding',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file);
    stream.on('error', reject);
    res.on('finish', resolve);
    res.on('close', resolve);
    if (!encoding) {
      stream.pipe(res);
      return;
    }
    const compress = compressStream(encoding);
    compress.on('error', reject);
    stream.pipe(compress).pipe(res);
  });
  return true;
}

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json)|image\/svg\+xml)/;

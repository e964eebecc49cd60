// The renderer is loaded from app://renderer/… rather than file://, so it has a
// real origin to check IPC senders against, and every response carries the
// same Content-Security-Policy header the browser-mode server sends.
// Path resolution is shared with browser mode (electron/server/static-files.ts)
// and cannot leave out/renderer.

import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeFor, HARDENING_HEADERS, resolveStaticFile } from '../server/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Builds the app:// handler for one renderer directory (exported for the smoke test). */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const notFound = () => new Response('Not found', { status: 404, headers: HARDENING_HEADERS });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.host !== APP_HOST || request.method !== 'GET') return notFound();
    const file = await resolveStaticFile(rendererDir, url.pathname);
    if (!file) return notFound();
    const body = await readFile(file);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: { ...HARDENING_HEADERS, 'Content-Type': contentTypeFor(file) },
    });
  };
}

/** Must run after the app is ready. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
}

// App-wide guards applied to every web contents the app ever creates: no
// navigation away from the page, no new windows, no <webview>, and every
// permission (camera, notifications, geolocation, …) refused except the one
// the app uses: writing text to the clipboard ("Copy session id", "Copy path")
// from our own page.

import type { App, Session, WebContents } from 'electron';

export function guardWebContents(contents: WebContents, allowedOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    // Reloads of our own page are fine; everything else stays out.
    if (!isSameOrigin(url, allowedOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isSameOrigin(url, allowedOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The only permission granted, and only to our own page. */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

export function restrictPermissions(session: Session, allowedOrigin: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permission === ALLOWED_PERMISSION && originOf(details.requestingUrl) === allowedOrigin),
  );
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) => permission === ALLOWED_PERMISSION && originOf(requestingOrigin) === allowedOrigin,
  );
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

export function installWebGuards(app: App, allowedOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, allowedOrigin));
}

/**
 * scheme://host[:port] of a URL. Not URL.origin: Node reports "null" as the
 * origin of custom schemes such as app://, which Chromium treats as standard.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

function isSameOrigin(url: string, origin: string): boolean {
  return originOf(url) === origin;
}

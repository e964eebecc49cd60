// App-wide guards applied to every web contents the app ever creates: no
// navigation away from the page, no new windows, no <webview>, and every
// permission (camera, geolocation, …) refused except the two the app uses,
// and only for our own page: writing text to the clipboard ("Copy session id",
// "Copy path") and notifications ("a new device is waiting for approval").
// Downloads are refused too, except the page's own exports (blob: URLs of our
// origin), which go through the native save dialog.

import type { App, DownloadItem, Session, WebContents } from 'electron';

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

/** The only permissions granted, and only to our own page. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'notifications']);

export function restrictPermissions(session: Session, allowedOrigin: string): void {
  const allowed = (permission: string, url: string) =>
    ALLOWED_PERMISSIONS.has(permission) && originOf(url) === allowedOrigin;
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    if (!isOwnExport(item, allowedOrigin)) return event.preventDefault();
    item.setSaveDialogOptions({ title: 'Export', defaultPath: item.getFilename() });
  });
}

/** A blob: URL the page made itself (CSV/JSON export), e.g. blob:app://renderer/<uuid>. */
function isOwnExport(item: Pick<DownloadItem, 'getURL'>, allowedOrigin: string): boolean {
  const url = item.getURL();
  return url.startsWith('blob:') && originOf(url.slice('blob:'.length)) === allowedOrigin;
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

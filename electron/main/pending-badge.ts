// "Needs approval" on the dock / taskbar icon: the number of pending sessions
// across the open folders' apps. Each OS has its own way (electron.d.ts):
// - macOS: app.setBadgeCount on the Dock icon — shown only once the app may
//   post notifications (macOS asks the first time the page shows one);
// - Linux: app.setBadgeCount, for launchers that read it (Unity, KDE, Dock
//   extensions) and only when package.json's desktopName names our .desktop file;
// - Windows: app.setBadgeCount does nothing; the taskbar button gets an
//   overlay icon (a red dot) whose description carries the number.
// Type-only Electron import: the sinks get what they need passed in.

import type { App, BrowserWindow, NativeImage } from 'electron';
import type { AppFolder, EngineEvent } from '../../shared/types';

export function pendingTotal(apps: readonly AppFolder[]): number {
  return apps.reduce((sum, a) => sum + a.counts.pending, 0);
}

/** Shows a pending count on the app's icon. */
export interface BadgeSink {
  show(count: number): void;
}

export function dockBadge(app: Pick<App, 'setBadgeCount'>): BadgeSink {
  let warned = false;
  return {
    show(count) {
      if (!app.setBadgeCount(count) && !warned) {
        warned = true;
        console.warn(
          'The OS did not show the pending badge (macOS: notifications not allowed; Linux: launcher without badges).',
        );
      }
    },
  };
}

/** Windows: an overlay on the taskbar button; re-applied to a window created later. */
export function taskbarOverlay(
  getWindow: () => BrowserWindow | null,
  dot: () => NativeImage,
): BadgeSink & { reapply(): void } {
  let last = 0;
  const apply = () => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    if (last > 0) win.setOverlayIcon(dot(), last === 1 ? '1 session needs approval' : `${last} sessions need approval`);
    else win.setOverlayIcon(null, '');
  };
  return {
    show(count) {
      last = count;
      apply();
    },
    reapply: apply,
  };
}

/** A 16×16 red dot, BGRA, for nativeImage.createFromBitmap (no image file to ship or find in app.asar). */
export function overlayDotBitmap(size = 16): Buffer {
  const buf = Buffer.alloc(size * size * 4);
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - r, y + 0.5 - r);
      const alpha = Math.round(255 * Math.min(1, Math.max(0, r - d)));
      buf.set([0x30, 0x3b, 0xd9, alpha], (y * size + x) * 4); // B, G, R, A: #d93b30
    }
  }
  return buf;
}

export function trackPendingBadge(badge: BadgeSink, onEvent: (l: (e: EngineEvent) => void) => () => void): () => void {
  let shown = -1;
  // With several folders open, 'folders' events carry every folder's pending count: the badge
  // then shows their sum, and the active folder's own app counts no longer set it.
  let everyFolder = false;
  return onEvent((e) => {
    let total: number;
    if (e.type === 'folders') {
      everyFolder = true;
      total = e.folders.reduce((sum, f) => sum + f.pending, 0);
    } else {
      const apps = e.type === 'apps' ? e.apps : e.type === 'state' ? e.state.apps : null;
      if (!apps || everyFolder) return;
      total = pendingTotal(apps);
    }
    if (total === shown) return;
    shown = total;
    badge.show(total);
  });
}

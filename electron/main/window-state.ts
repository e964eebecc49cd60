// Window size and position, saved in the settings store when the window
// closes and restored at the next start — unless the saved place is no longer
// on any screen (a monitor was unplugged), then the default size is used.

import type { BrowserWindow, Rectangle } from 'electron';
import type { SettingsStore, WindowBounds } from '../engine/settings-store';

export const DEFAULT_SIZE = { width: 1280, height: 800 };

function overlaps(a: Rectangle, b: Rectangle): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w >= 100 && h >= 100;
}

/** The saved bounds when they still fall on a display's work area, else null. */
export function restorableBounds(saved: WindowBounds | null, workAreas: Rectangle[]): WindowBounds | null {
  if (!saved) return null;
  return workAreas.some((area) => overlaps(saved, area)) ? saved : null;
}

export function trackWindowState(win: BrowserWindow, store: SettingsStore): void {
  win.on('close', () => {
    const b = win.getNormalBounds();
    const bounds: WindowBounds = {
      x: Math.round(b.x),
      y: Math.round(b.y),
      width: Math.max(100, Math.round(b.width)),
      height: Math.max(100, Math.round(b.height)),
      maximized: win.isMaximized(),
    };
    store.update((s) => void (s.window = bounds)).catch((err: unknown) => console.error('Could not save the window size:', err));
  });
}

// Window size and position, saved in the settings store and restored at the
// next start. The saved place is clamped into the work area of the display it
// matches best (screen.getDisplayMatching): a monitor unplugged or rearranged
// since must never leave the title bar off-screen, where the window cannot be
// dragged back. Electron types only; the display lookup is passed in.

import type { BrowserWindow, Rectangle } from 'electron';
import type { SettingsStore, WindowBounds } from '../engine/settings/settings-store';

export const DEFAULT_SIZE = { width: 1280, height: 800 };

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/** The saved bounds moved (and shrunk if needed) to lie entirely inside the matching display's work area. */
export function restorableBounds(
  saved: WindowBounds | null,
  workAreaFor: (bounds: Rectangle) => Rectangle,
): WindowBounds | null {
  if (!saved) return null;
  const area = workAreaFor({ x: saved.x, y: saved.y, width: saved.width, height: saved.height });
  const width = Math.min(saved.width, area.width);
  const height = Math.min(saved.height, area.height);
  return {
    x: clamp(saved.x, area.x, area.x + area.width - width),
    y: clamp(saved.y, area.y, area.y + area.height - height),
    width,
    height,
    maximized: saved.maximized,
  };
}

function boundsOf(win: BrowserWindow): WindowBounds {
  const b = win.getNormalBounds();
  return {
    x: Math.round(b.x),
    y: Math.round(b.y),
    width: Math.max(100, Math.round(b.width)),
    height: Math.max(100, Math.round(b.height)),
    maximized: win.isMaximized(),
  };
}

function sameBounds(a: WindowBounds | null | undefined, b: WindowBounds): boolean {
  return (
    !!a && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height && a.maximized === b.maximized
  );
}

/** Writes the window's bounds now; resolves once they are on disk (the quit flush awaits it). */
export async function saveWindowBounds(win: BrowserWindow, store: SettingsStore): Promise<void> {
  if (win.isDestroyed()) return;
  const bounds = boundsOf(win);
  if (sameBounds(store.get().window, bounds)) return;
  await store.update((s) => void (s.window = bounds));
}

/** Saves the bounds when the window closes (also when the user closes it without quitting, on macOS). */
export function trackWindowState(win: BrowserWindow, store: SettingsStore): void {
  win.on('close', () => {
    saveWindowBounds(win, store).catch((err: unknown) => console.error('Could not save the window size:', err));
  });
}

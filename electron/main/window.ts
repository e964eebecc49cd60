// The one application window, locked down: isolated, sandboxed preload; no
// Node in the page; web security on; nothing but our own origin may load.

import { join } from 'node:path';
import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-protocol';
import { originOf } from './web-guards';
import { DEFAULT_SIZE } from './window-state';
import type { WindowBounds } from '../engine/settings/settings-store';

export interface WindowPaths {
  /** out/preload/index.cjs */
  preload: string;
  /** Dev server URL (electron-vite dev) or null to load app://renderer. */
  devServerUrl: string | null;
}

export function securePreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The origin the renderer is served from: app://renderer, or the dev server's. */
export function rendererOrigin(paths: WindowPaths): string {
  return (paths.devServerUrl && originOf(paths.devServerUrl)) || APP_ORIGIN;
}

export function createMainWindow(paths: WindowPaths, bounds: WindowBounds | null): BrowserWindow {
  const win = new BrowserWindow({
    ...(bounds ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height } : DEFAULT_SIZE),
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Mobile Session Manager',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    webPreferences: securePreferences(paths.preload),
  });
  win.once('ready-to-show', () => {
    if (bounds?.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(paths.devServerUrl ?? APP_ENTRY_URL);
  return win;
}

export function preloadPath(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs');
}

export function rendererDir(mainDir: string): string {
  return join(mainDir, '..', 'renderer');
}

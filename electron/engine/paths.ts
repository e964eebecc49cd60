// Every place the app keeps its own files, in one module: the data directory
// (desktop app and command line share it, so a change made with the CLI is in
// the app's Push count and Activity log), browser mode's default one, and what
// lives inside a data directory. Nothing here is ever inside MobileApps.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = 'Mobile Session Manager';

/**
 * The desktop app's data directory: Electron's userData for PRODUCT_NAME, computed
 * without Electron so the command line finds the same folder. MSM_DATA_DIR overrides
 * it (headless servers, tests).
 */
export function desktopDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.MSM_DATA_DIR) return resolve(env.MSM_DATA_DIR);
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  // Electron: $XDG_CONFIG_HOME or ~/.config
  const xdg = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(xdg, PRODUCT_NAME);
}

/** Browser mode's data directory when no --data-dir is given: the platform's usual per-user place. */
export function browserModeDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME, 'browser-mode');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME, 'browser-mode');
  const xdg =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, 'mobile-session-manager');
}

/**
 * The app's own trash (deleted sessions when there is no OS trash: browser mode, the
 * command line, a share the OS trash refuses): <trash>/<date>/<app>/<id>.
 */
export function trashDir(dataDir: string): string {
  return join(dataDir, 'Trash');
}

/** Where a file of `app` trashed today goes: <trash>/<YYYY-MM-DD, local>/<app> (one layout for sessions and problems). */
export function dailyTrashFolder(trash: string, app: string, when = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return join(trash, `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`, app);
}

/** The audit log's folder (audit.jsonl and its rotated files). */
export function auditDir(dataDir: string): string {
  return join(resolve(dataDir), 'audit');
}

/** Changes not yet pushed, per MobileApps root. */
export function unpushedFile(dataDir: string): string {
  return join(dataDir, 'unpushed.json');
}

/** The generated demo folder's parent (it holds demo/MobileApps). */
export function demoDir(dataDir: string): string {
  return join(dataDir, 'demo');
}

export const SETTINGS_FILE = 'settings.json';

/** Window, appearance, recent folders and push URLs. */
export function settingsFile(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE);
}

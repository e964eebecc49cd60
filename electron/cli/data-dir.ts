// The CLI's data directory: the same folder Electron uses as userData for the
// productName "Mobile Session Manager", so the CLI and the desktop app share one
// audit log, one trash and the push URLs stored in settings.json.
// MSM_DATA_DIR (or --data-dir) overrides it, e.g. for headless servers and tests.

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = 'Mobile Session Manager';

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MSM_DATA_DIR) return resolve(env.MSM_DATA_DIR);
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  // Electron: $XDG_CONFIG_HOME or ~/.config
  const xdg = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(xdg, PRODUCT_NAME);
}

/** Deleted sessions go here (never inside MobileApps). */
export function trashDir(dataDir: string): string {
  return join(dataDir, 'trash');
}

// Where browser mode keeps its own data (the generated demo folder, settings)
// when no --data-dir is given: the platform's usual per-user place.
// Desktop mode uses Electron's app.getPath('userData') instead.

import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Mobile Session Manager', 'browser-mode');
  }
  if (platform === 'darwin') {
    return join(home, 'Library', 'Application Support', 'Mobile Session Manager', 'browser-mode');
  }
  const xdg = env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, 'mobile-session-manager');
}

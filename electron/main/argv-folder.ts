// Finds the folder to open in a command line (first launch or a second
// instance): the last argument that is an existing directory, ignoring flags
// and the app's own path. No Electron import.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export function folderFromArgv(argv: readonly string[], cwd: string, appPath?: string): string | null {
  // argv[0] is the executable; in development argv[1] is the app directory.
  for (const arg of [...argv.slice(1)].reverse()) {
    if (!arg || arg.startsWith('-')) continue;
    const abs = resolve(cwd, arg);
    if (appPath && abs === resolve(appPath)) continue;
    try {
      if (statSync(abs).isDirectory()) return abs;
    } catch {
      // not a path we can open: skip it
    }
  }
  return null;
}

// `npm run serve -- [--dir <folder>] [--port <n>] [--host <h>] [--polling] [--push-url <url>] [--data-dir <dir>]`
// Browser mode. Builds the app first when out/renderer is missing or older
// than its sources (build output goes to stderr), then runs the server
// (electron/server/cli.ts through tsx), which prints one line: the address.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = join(ROOT, 'out', 'renderer', 'index.html');
const SOURCES = ['renderer', 'shared'].map((d) => join(ROOT, d));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function rendererIsStale() {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((dir) => existsSync(dir) && newestMtime(dir) > built);
}

export function buildApp() {
  console.error('Building the app (electron-vite build)…');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const r = spawnSync(npx, ['electron-vite', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2], // keep stdout for the one line with the address
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(r.status ?? 1);
  }
}

export function runServer(args) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron', 'server', 'cli.ts'), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (rendererIsStale()) buildApp();
  runServer(process.argv.slice(2));
}

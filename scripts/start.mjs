// `npm start`: build, then run the desktop app in Electron. When the Electron
// binary is not available (ELECTRON_SKIP_BINARY_DOWNLOAD=1, an offline
// install, a headless server) it says so and starts browser mode on the demo
// folder instead, printing the address to open.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, runServer } from './serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');
const DOWNLOAD_TIMEOUT_MS = 180_000;

/** The Electron executable, without require('electron') (which would start a download). */
function electronBinary() {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function tryDownloadElectron() {
  const installer = join(ELECTRON_DIR, 'install.js');
  if (!existsSync(installer)) return false;
  console.error('The Electron binary is missing; downloading it (this happens once)…');
  const r = spawnSync(process.execPath, [installer], { stdio: ['ignore', 2, 2], timeout: DOWNLOAD_TIMEOUT_MS });
  return r.status === 0;
}

function findElectron() {
  const found = electronBinary();
  if (found) return { binary: found, why: null };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
    return { binary: null, why: 'ELECTRON_SKIP_BINARY_DOWNLOAD=1 is set and the Electron binary is not installed' };
  }
  if (tryDownloadElectron() && electronBinary()) return { binary: electronBinary(), why: null };
  return { binary: null, why: 'the Electron binary could not be downloaded' };
}

const args = process.argv.slice(2);
buildApp();
const { binary, why } = findElectron();
if (!binary) {
  console.error(
    `Note: ${why}, so the desktop window cannot open. Starting browser mode instead ` +
      '(the same app in your web browser, on this machine only). Open the address below:',
  );
  // `npm start -- /path/to/MobileApps` means `--dir` in browser mode.
  const first = args[0];
  runServer(first !== undefined && !first.startsWith('-') ? ['--dir', ...args] : args);
} else {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [ROOT, ...args], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  process.on('SIGINT', () => child.kill('SIGINT'));
  process.on('SIGTERM', () => child.kill('SIGTERM'));
}

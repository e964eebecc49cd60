// Builds the app (electron-vite build) when out/ is missing or older than its
// sources, so the smoke tests can run before `npm test`'s build step. Several
// test files may ask at once (vitest runs files in parallel): a lock directory
// makes one build while the others wait for it.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN = join(ROOT, 'out', 'main', 'index.js');
export const PRELOAD = join(ROOT, 'out', 'preload', 'index.cjs');
export const RENDERER_HTML = join(ROOT, 'out', 'renderer', 'index.html');
const LOCK = join(ROOT, 'out', '.smoke-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

function newest(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n = Math.max(n, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return n;
}

function isStale(): boolean {
  const outputs = [MAIN, PRELOAD, RENDERER_HTML];
  if (!outputs.every(existsSync)) return true;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  return ['electron', 'shared', 'renderer'].some((d) => newest(join(ROOT, d)) > built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock(): boolean {
  mkdirSync(dirname(LOCK), { recursive: true });
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // Someone else holds it; a lock left by a crashed run is taken over.
    if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) {
      rmSync(LOCK, { recursive: true, force: true });
      return takeLock();
    }
    return false;
  }
}

export function ensureBuilt(): void {
  while (isStale()) {
    if (!takeLock()) {
      sleep(500);
      continue;
    }
    try {
      if (isStale()) {
        execFileSync('npx', ['electron-vite', 'build'], {
          cwd: ROOT,
          stdio: 'pipe',
          env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
          timeout: 240_000,
        });
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return;
  }
}

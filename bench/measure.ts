// Measuring tools shared by the benches: command-line numbers, rounding and
// percentiles, the longest event-loop block during a call, and settled RSS.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

setFlagsFromString('--expose-gc');
export const gc = runInNewContext('gc') as () => void;
export const rssMB = () => process.memoryUsage().rss / 1e6;
export const round = (n: number) => Math.round(n * 10) / 10;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

/** Longest event-loop block while `fn` runs (a 1 ms interval probe, started beforehand), and its duration. */
export async function blockDuring<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; maxBlockMs: number }> {
  let last = performance.now();
  let maxGap = 0;
  const probe = setInterval(() => {
    const t = performance.now();
    maxGap = Math.max(maxGap, t - last - 1);
    last = t;
  }, 1);
  await new Promise((r) => setTimeout(r, 10));
  maxGap = 0;
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 10)); // let the probe's late tick record the block
  clearInterval(probe);
  return { value, ms, maxBlockMs: maxGap };
}

/** RSS after two full collections and a pause, so freed pages are returned first. */
export async function settledRssMB(): Promise<number> {
  gc();
  await new Promise((r) => setTimeout(r, 100));
  gc();
  return rssMB();
}

/** Bundles the scan worker to plain JS in `dir`, as the app's build does (tsx startup would be measured otherwise). */
export async function prebuildScanWorker(dir: string): Promise<string> {
  const out = join(dir, 'scan-worker.mjs');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(dirname(fileURLToPath(import.meta.url)), '../electron/engine/scan/scan-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'silent',
  });
  return out;
}

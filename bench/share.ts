// npm run bench:share [-- --sessions 5126 --repeat 2]  (Linux, root: sshd + sshfs)
// Opening a folder on a network share: the engine's open (scan of every file) vs a
// plain Node loop with 64 fs.promises.readFile in flight (read + JSON.parse of
// every file), on the real test share (tests/share/test-share.ts: sshfs through a
// proxy adding 1 ms each way, client caches of 1 s). Each measurement runs in a
// fresh process, alternating, after the caches have expired. Prints JSON.

import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { Workspace } from '../electron/engine/folder/workspace';
import { writeDataset } from '../electron/engine/testing/dataset';
import { shareUnavailable, startTestShare } from '../tests/share/test-share';
import { median, prebuildScanWorker } from './measure';

const self = fileURLToPath(import.meta.url);
const IN_FLIGHT = 64;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The reference: list every app folder, then read and parse every file, 64 at a time. */
async function plainLoop(root: string): Promise<{ ms: number; files: number }> {
  const t0 = performance.now();
  const files: string[] = [];
  for (const app of await readdir(root, { withFileTypes: true })) {
    if (!app.isDirectory()) continue;
    for (const name of await readdir(join(root, app.name))) files.push(join(root, app.name, name));
  }
  let next = 0;
  const reader = async () => {
    while (next < files.length) JSON.parse(await readFile(files[next++] as string, 'utf8'));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, reader));
  return { ms: performance.now() - t0, files: files.length };
}

async function engineOpen(root: string): Promise<{ ms: number; sessions: number; slowReads: boolean }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'msm-share-bench-'));
  const ws = new Workspace({ platform: 'linux', version: 'bench', dataDir });
  const t0 = performance.now();
  const state = await ws.open(root);
  const ms = performance.now() - t0;
  const slowReads = ws.timings.scan?.slowReads ?? false;
  await ws.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { ms, sessions: state.apps.reduce((n, a) => n + a.counts.total, 0), slowReads };
}

/** One measurement in a fresh process (no warm caches, threads or JIT from the previous one). */
function inChild(kind: 'loop' | 'engine', root: string, worker: string): Record<string, number | boolean> {
  const env = { ...process.env, MSM_SCAN_WORKER_SCRIPT: worker };
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--child', kind, root], {
    encoding: 'utf8',
    env,
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as Record<string, number | boolean>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n);

async function main(): Promise<void> {
  const unavailable = shareUnavailable();
  if (unavailable) throw new Error(`No test share: ${unavailable}`);
  const sessions = arg('sessions', 5126);
  const repeat = arg('repeat', 2);
  const share = await startTestShare({ delayMs: 1, cacheSeconds: 1 });
  const buildDir = mkdtempSync(join(tmpdir(), 'msm-share-worker-'));
  try {
    const worker = await prebuildScanWorker(buildDir);
    const t0 = performance.now();
    writeDataset(share.serverDir, sessions);
    const generateMs = performance.now() - t0;
    const root = join(share.mountDir, 'MobileApps');
    const loops: number[] = [];
    const opens: number[] = [];
    let last: Record<string, number | boolean> = {};
    for (let i = 0; i < repeat; i++) {
      await sleep(2500); // past the 1 s client caches: every run starts cold
      loops.push(inChild('loop', root, worker)['ms'] as number);
      await sleep(2500);
      last = inChild('engine', root, worker);
      opens.push(last['ms'] as number);
    }
    const ratio = median(opens) / median(loops);
    const result = {
      sessions,
      share: 'sshfs over loopback through a proxy adding 1 ms each way; caches 1 s',
      generateMs: round(generateMs),
      loadAverage1m: loadavg()[0],
      plainLoop64InFlightMs: { median: round(median(loops)), runs: loops.map(round) },
      engineOpenMs: { median: round(median(opens)), runs: opens.map(round) },
      sessionsIndexed: last['sessions'],
      slowReadsDetected: last['slowReads'],
      ratio: Math.round(ratio * 100) / 100,
      // Each engine run against the loop run just before it (the same moment's load on the machine).
      ratioPerPair: opens.map((o, i) => Math.round((o / (loops[i] ?? NaN)) * 100) / 100),
      target: 'engine open <= 1.5x the 64-in-flight loop',
      met: ratio <= 1.5,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await share.close();
    rmSync(buildDir, { recursive: true, force: true });
  }
}

async function child(kind: string, root: string): Promise<void> {
  if (kind === 'loop') console.log(JSON.stringify(await plainLoop(root)));
  else console.log(JSON.stringify(await engineOpen(root)));
  process.exit(0);
}

const childAt = process.argv.indexOf('--child');
const run = childAt >= 0 ? child(process.argv[childAt + 1] ?? '', process.argv[childAt + 2] ?? '') : main();
run.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

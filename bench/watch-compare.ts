// Our folder watchers against chokidar 5, on one generated MobileApps folder.
//
//   node --import tsx bench/watch-compare.ts [--sessions 5000] [--changes 100] [--idle-ms 10000]
//
// Prints one JSON document. Each contender runs in its own child process (so its
// memory is not mixed with the others'), started with --expose-gc:
//   ours-native     NativeWatcher: fs.watch on the root and on each app folder
//   ours-polling    PollingWatcher: list folders, stat a round-robin share of files
//   chokidar-native chokidar.watch (fs.watch underneath, plus a stat of every file)
//   chokidar-polling chokidar.watch with usePolling (one fs.watchFile per file)
// Both polling flavours poll every POLL_INTERVAL_MS, the engine's default, so they
// are equally fresh. Measured: time to ready, extra RSS once ready, latency from a
// change on disk to the watcher naming that file (add / in-place rewrite / unlink,
// p50 and p99 over --changes changes each), and CPU used while idle.

import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { watch as chokidarWatch } from 'chokidar';
import { NativeWatcher, PollingWatcher, type WatchSink } from '../electron/engine/watch/folder-watcher';

// 'none' watches nothing: the floor of this harness (tsx, timers, GC) for RSS and idle CPU.
const CONTENDERS = ['none', 'ours-native', 'ours-polling', 'chokidar-native', 'chokidar-polling'] as const;
type Contender = (typeof CONTENDERS)[number];
const POLL_INTERVAL_MS = 1000;
const SESSIONS_PER_APP = 250;
const CHANGE_SPACING_MS = 20;
const CHANGE_TIMEOUT_MS = 20_000;

// ---------------------------------------------------------------- dataset

/** A session file shaped like 4D's (~700 bytes); the content only needs to be plausible. */
function sessionJson(app: string, id: string, i: number): string {
  return `${JSON.stringify(
    {
      application: { id: app, name: `App ${app}`, version: `1.${i % 7}.0` },
      device: {
        id: `DEV-${id}`,
        description: `iPhone ${10 + (i % 6)}`,
        os: `iOS 17.${i % 5}`,
        simulator: i % 13 === 0,
      },
      team: { id: 'ABCDE12345' },
      language: { id: 'en_US', region: 'US', code: 'en' },
      email: `user${i}@example.com`,
      id,
      status: i % 3 === 0 ? 'pending' : 'accepted',
      token: Buffer.from(`${app}:${id}`).toString('base64'),
      ip: `10.0.${(i >> 8) & 255}.${i & 255}`,
      parameters: {},
    },
    null,
    2,
  )}\n`;
}

function sessionId(i: number): string {
  return (i * 2654435761).toString(16).toUpperCase().padStart(12, '0') + i.toString(16).toUpperCase().padStart(8, '0');
}

/** Generates (or reuses) root/<app folder>/<id>.json; returns the app folder names. */
function generate(root: string, sessions: number): string[] {
  const appCount = Math.max(1, Math.ceil(sessions / SESSIONS_PER_APP));
  const apps = Array.from({ length: appCount }, (_, a) => `ABCDE12345.com.example.app${a}`);
  const marker = join(root, `.complete-${sessions}`);
  if (existsSync(marker)) return apps;
  rmSync(root, { recursive: true, force: true });
  for (const app of apps) mkdirSync(join(root, app), { recursive: true });
  for (let i = 0; i < sessions; i++) {
    const app = apps[i % appCount] as string;
    const id = sessionId(i);
    writeFileSync(join(root, app, `${id}.json`), sessionJson(app, id, i));
  }
  writeFileSync(marker, '');
  return apps;
}

// ---------------------------------------------------------------- one contender (child process)

/** What a watcher under test reports: "this file (app folder + name) may have changed". */
type Report = (app: string, name: string) => void;

interface Started {
  ready: Promise<void>;
  close(): Promise<void>;
}

/** The engine keeps each file's mtime/size from its scan; the polling watcher compares against it. */
function knownFiles(root: string, apps: string[]): Map<string, Map<string, { mtimeMs: number; size: number }>> {
  const known = new Map<string, Map<string, { mtimeMs: number; size: number }>>();
  for (const app of apps) {
    const files = new Map<string, { mtimeMs: number; size: number }>();
    for (const name of readdirSync(join(root, app))) {
      const st = statSync(join(root, app, name));
      files.set(name, { mtimeMs: st.mtimeMs, size: st.size });
    }
    known.set(app, files);
  }
  return known;
}

function startOurs(mode: 'native' | 'polling', root: string, apps: string[], report: Report): Started {
  if (mode === 'native') {
    const sink: WatchSink = { file: (app, name) => name !== null && report(app, name), root: () => {} };
    const w = new NativeWatcher(root, sink);
    for (const app of apps) w.addApp(app);
    return { ready: Promise.resolve(), close: async () => w.close() };
  }
  const known = knownFiles(root, apps);
  const sink: WatchSink = {
    // Like the engine's change queue: stat the named file and remember what was seen.
    file: (app, name) => {
      if (name === null) return;
      const files = known.get(app) ?? new Map<string, { mtimeMs: number; size: number }>();
      known.set(app, files);
      try {
        const st = statSync(join(root, app, name));
        files.set(name, { mtimeMs: st.mtimeMs, size: st.size });
      } catch {
        files.delete(name);
      }
      report(app, name);
    },
    root: () => {},
  };
  const w = new PollingWatcher(root, sink, (app) => known.get(app) ?? new Map(), { intervalMs: POLL_INTERVAL_MS });
  for (const app of apps) w.addApp(app);
  return { ready: w.ready, close: async () => w.close() };
}

function startChokidar(usePolling: boolean, root: string, report: Report): Started {
  const w = chokidarWatch(root, {
    ignoreInitial: true,
    depth: 1,
    usePolling,
    interval: POLL_INTERVAL_MS,
    ignored: (path: string) => basename(path).startsWith('.'),
  });
  const onFile = (path: string) => {
    const parts = relative(root, path).split(sep);
    if (parts.length === 2) report(parts[0] as string, parts[1] as string);
  };
  w.on('add', onFile).on('change', onFile).on('unlink', onFile);
  const ready = new Promise<void>((resolve) => w.once('ready', () => resolve()));
  return { ready, close: () => w.close() };
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, i)] as number) * 10) / 10;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
}

/** Makes `changes` changes of one kind, CHANGE_SPACING_MS apart, and times each until reported. */
async function timeChanges(
  targets: { app: string; name: string }[],
  change: (path: string) => Promise<void>,
  pending: Map<string, number>,
  latencies: number[],
): Promise<{ p50: number | null; p99: number | null; missed: number }> {
  latencies.length = 0;
  for (const t of targets) {
    pending.set(`${t.app}/${t.name}`, performance.now());
    await change(join(ROOT, t.app, t.name));
    await sleep(CHANGE_SPACING_MS);
  }
  const deadline = performance.now() + CHANGE_TIMEOUT_MS;
  while (pending.size > 0 && performance.now() < deadline) await sleep(20);
  const missed = pending.size;
  pending.clear();
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), missed };
}

let ROOT = '';

async function runContender(
  contender: Contender,
  root: string,
  changes: number,
  idleMs: number,
): Promise<Record<string, unknown>> {
  ROOT = root;
  const apps = readdirSync(root).filter((n) => !n.startsWith('.'));
  const pending = new Map<string, number>(); // "app/name" → when it was changed
  const latencies: number[] = [];
  const report: Report = (app, name) => {
    const key = `${app}/${name}`;
    const since = pending.get(key);
    if (since === undefined) return;
    latencies.push(performance.now() - since);
    pending.delete(key);
  };
  const rssBefore = rssMb();
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  const started: Started =
    contender === 'none'
      ? { ready: Promise.resolve(), close: async () => {} }
      : contender === 'ours-native'
        ? startOurs('native', root, apps, report)
        : contender === 'ours-polling'
          ? startOurs('polling', root, apps, report)
          : startChokidar(contender === 'chokidar-polling', root, report);
  await started.ready;
  const readyMs = performance.now() - t0;
  const readyCpu = process.cpuUsage(cpuBefore);
  const extraRssMb = rssMb() - rssBefore;
  await sleep(1500); // let a polling watcher's first ticks settle

  const pick = (k: number) => ({ app: apps[k % apps.length] as string, name: '' });
  const count = contender === 'none' ? 0 : changes; // nothing would report them
  const added = Array.from({ length: count }, (_, k) => ({
    ...pick(k),
    name: `BENCH${k.toString().padStart(6, '0')}.json`,
  }));
  const existing = Array.from({ length: count }, (_, k) => {
    const app = apps[k % apps.length] as string;
    const names = readdirSync(join(root, app)).filter((n) => !n.startsWith('BENCH') && !n.startsWith('.'));
    return { app, name: names[Math.floor(k / apps.length) % names.length] as string };
  });
  const add = await timeChanges(added, (p) => writeFile(p, sessionJson('x', basename(p), 1)), pending, latencies);
  await sleep(1500);
  // In place (no rename): a polling watcher sees only a new mtime/size, no folder change.
  const rewrite = await timeChanges(
    existing,
    async (p) => writeFile(p, sessionJson(basename(dirname(p)), basename(p, '.json'), 3)),
    pending,
    latencies,
  );
  await sleep(1500);
  const remove = await timeChanges(added, (p) => unlink(p), pending, latencies);

  await sleep(2000);
  const idleCpuStart = process.cpuUsage();
  const idleT0 = performance.now();
  await sleep(idleMs);
  const idle = process.cpuUsage(idleCpuStart);
  const idleCpuPercent = ((idle.user + idle.system) / 1000 / (performance.now() - idleT0)) * 100;
  await started.close();
  return {
    contender,
    readyMs: Math.round(readyMs),
    readyCpuMs: Math.round((readyCpu.user + readyCpu.system) / 1000),
    extraRssMb: Math.round(extraRssMb * 10) / 10,
    latencyMs: { add, rewrite, unlink: remove },
    idleCpuPercent: Math.round(idleCpuPercent * 100) / 100,
  };
}

// ---------------------------------------------------------------- parent

function runChild(
  contender: Contender,
  root: string,
  changes: number,
  idleMs: number,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = fork(
      fileURLToPath(import.meta.url),
      ['--child', contender, '--root', root, '--changes', String(changes), '--idle-ms', String(idleMs)],
      {
        execArgv: ['--expose-gc', '--import', 'tsx'],
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      },
    );
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${contender} exited with ${code}`));
      else resolve(JSON.parse(out) as Record<string, unknown>);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sessions: { type: 'string', default: '5000' },
      changes: { type: 'string', default: '100' },
      'idle-ms': { type: 'string', default: '10000' },
      only: { type: 'string', multiple: true },
      child: { type: 'string' },
      root: { type: 'string' },
    },
  });
  const changes = Number(values.changes);
  const idleMs = Number(values['idle-ms']);
  if (values.child !== undefined && values.root !== undefined) {
    const result = await runContender(values.child as Contender, values.root, changes, idleMs);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const sessions = Number(values.sessions);
  const root = join(tmpdir(), `msm-watch-compare-${sessions}`, 'MobileApps');
  const t0 = performance.now();
  const apps = generate(root, sessions);
  const generateMs = Math.round(performance.now() - t0);
  const contenders = (values.only ?? [...CONTENDERS]) as Contender[];
  const results = [];
  for (const c of contenders) {
    results.push(await runChild(c, root, changes, idleMs));
    // Leave no BENCH files behind a failed unlink phase.
    for (const app of apps)
      for (const n of readdirSync(join(root, app))) if (n.startsWith('BENCH')) rmSync(join(root, app, n));
  }
  const output = {
    sessions,
    appFolders: apps.length,
    changesPerKind: changes,
    pollIntervalMs: POLL_INTERVAL_MS,
    idleMs,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    root,
    generateMs,
    results,
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

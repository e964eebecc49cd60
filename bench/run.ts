// npm run bench -- --sessions 100000 [--repeat 3]
// Generates (once, cached in bench/.data/<n>) a MobileApps folder, then measures
// the engine against the synchronous floor measured in the same run, and prints
// JSON. The OS page cache is not dropped: floor and scan both run warm, in the
// same state (each repeat runs the floor, then the scan).

import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance as perf, PerformanceObserver } from 'node:perf_hooks';
const eventLoopUtilization = perf.eventLoopUtilization.bind(perf);
import type { EngineEvent, SessionRef } from '../shared/types';
import { NativeWatcher, PollingWatcher } from '../electron/engine/watch/folder-watcher';
import { Workspace } from '../electron/engine/folder/workspace';
import { cachedDataset } from '../electron/engine/testing/dataset';
import { arg, blockDuring, gc, median, pct, prebuildScanWorker, round, rssMB, settledRssMB } from './measure';
import {
  calibrateCores,
  coreCalibrationNote,
  expectedScanWorkers,
  ratio,
  REFERENCE_NOTE,
  runFloor,
  SAFE_PARALLEL_NOTE,
  summarizeReference,
  THREAD_CPU_NOTE,
  threadCpuMeter,
  type FloorRun,
  type ThreadCpuMs,
} from './reference-floors';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '.data');

const now = () => performance.timeOrigin + performance.now();

interface ScanRun {
  scanMs: number;
  firstAppMs: number;
  maxBlockMs: number;
  maxProbeGapMs: number;
  sessions: number;
  workers: number;
  foldersByMainThread: number;
  watchReadyMs: number;
  /** Longest main-thread GC pause during the scan, and how many pauses were over 10 ms. */
  maxGcPauseMs: number;
  gcPausesOver10Ms: number;
  maxGcPauseByKind: Record<string, number>;
  /** 1-minute load average when the run ended (other processes on the cores skew every figure). */
  load: number;
  /** CPU time of every thread (main + workers) during the scan: contention-proof, unlike wall time. */
  cpuMs: number;
  /** Main-thread busy time during the scan. */
  mainBusyMs: number;
  /** CPU of cpuMs split per thread (Linux, /proc/self/task; 10 ms ticks); null elsewhere. */
  threadCpuMs: ThreadCpuMs | null;
  /** The scan saw slow reads (a network share) and kept many in flight: never expected on the local data set. */
  slowReads: boolean;
}

async function coldScan(root: string, wsData: string): Promise<{ run: ScanRun; ws: Workspace }> {
  const ws = new Workspace({ platform: 'linux', version: 'bench', dataDir: wsData });
  let firstAppMs = -1;
  let t0 = 0;
  // Stand-in for the IPC transport: every event is serialized, as Electron would.
  // Like the UI: when the first app with sessions is announced, list it; then take its deltas.
  let listing = false;
  ws.onEvent((e: EngineEvent) => {
    JSON.stringify(e);
    if (listing || e.type !== 'apps') return;
    const first = e.apps.find((a) => a.counts.total > 0);
    if (!first) return;
    listing = true;
    void ws.listSessions(first.folder).then((rs) => {
      JSON.stringify(rs);
      if (rs.length > 0) firstAppMs = performance.now() - t0;
    });
  });
  const gcPauses: number[] = [];
  const gcByKind: Record<string, number> = {};
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcPauses.push(entry.duration);
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind ?? 0;
      const name =
        kind === 1
          ? 'minor'
          : kind === 4
            ? 'major'
            : kind === 8
              ? 'incremental'
              : kind === 16
                ? 'weakcb'
                : String(kind);
      gcByKind[name] = Math.max(gcByKind[name] ?? 0, entry.duration);
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const h = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let maxGap = 0;
  const probe = setInterval(() => {
    const t = performance.now();
    maxGap = Math.max(maxGap, t - last - 2);
    last = t;
  }, 2);
  h.enable();
  const threads = threadCpuMeter();
  const cpu0 = process.cpuUsage();
  const elu0 = eventLoopUtilization();
  t0 = performance.now();
  const state = await ws.open(root);
  const cpu = process.cpuUsage(cpu0);
  const threadCpuMs = threads.stop();
  const elu = eventLoopUtilization(elu0);
  const scanMs = performance.now() - t0;
  h.disable();
  clearInterval(probe);
  await new Promise((r) => setTimeout(r, 20)); // GC entries are delivered asynchronously
  gcObserver.disconnect();
  const sessions = state.apps.reduce((n, a) => n + a.counts.total, 0);
  const s = ws.timings.scan;
  return {
    ws,
    run: {
      scanMs,
      firstAppMs,
      maxBlockMs: h.max / 1e6,
      maxProbeGapMs: maxGap,
      sessions,
      workers: s?.workersStarted ?? 0,
      foldersByMainThread: s?.foldersByMainThread ?? 0,
      watchReadyMs: ws.timings.watchReadyMs,
      maxGcPauseMs: Math.max(0, ...gcPauses),
      gcPausesOver10Ms: gcPauses.filter((d) => d > 10).length,
      maxGcPauseByKind: Object.fromEntries(Object.entries(gcByKind).map(([k, v]) => [k, round(v)])),
      load: loadavg()[0] ?? NaN,
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainBusyMs: elu.active,
      threadCpuMs,
      slowReads: s?.slowReads ?? false,
    },
  };
}

async function watcherCost(
  root: string,
  apps: string[],
  known: (app: string) => Map<string, { mtimeMs: number; size: number }>,
) {
  const sink = { file: () => {}, root: () => {} };
  let before = await settledRssMB();
  let t0 = performance.now();
  const native = new NativeWatcher(root, sink);
  for (const a of apps) native.addApp(a);
  const nativeReadyMs = performance.now() - t0;
  const nativeExtraMB = (await settledRssMB()) - before;
  native.close();
  before = await settledRssMB();
  t0 = performance.now();
  const poller = new PollingWatcher(root, sink, known, { intervalMs: 1000 });
  for (const a of apps) poller.addApp(a);
  await poller.ready;
  const pollingReadyMs = performance.now() - t0;
  const pollingExtraMB = (await settledRssMB()) - before;
  poller.close();
  return {
    nativeReadyMs,
    nativeExtraMB,
    watchers: apps.length + 1,
    pollingFirstTickMs: pollingReadyMs,
    pollingExtraMB,
  };
}

async function deltaLatency(ws: Workspace, root: string, writes: number, paths: string[]): Promise<number[]> {
  const arrived = new Map<string, number>();
  const off = ws.onEvent((e) => {
    if (e.type !== 'sessions') return;
    const t = now();
    for (const r of e.upserted) if (!arrived.has(r.id)) arrived.set(r.id, t);
  });
  const written = new Map<string, number>();
  await new Promise<void>((resolve, reject) => {
    const child = fork(join(here, 'writer.ts'), [root, String(writes), '15', '3'], { execArgv: ['--import', 'tsx'] });
    child.on('message', (m: { type: string; id?: string; at?: number; path?: string }) => {
      if (m.type === 'wrote' && m.id && m.at) written.set(m.id, m.at);
      if (m.path) paths.push(m.path);
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code}`))));
  });
  const t0 = Date.now();
  while ([...written.keys()].some((id) => !arrived.has(id)) && Date.now() - t0 < 5000)
    await new Promise((r) => setTimeout(r, 20));
  off();
  const latencies: number[] = [];
  for (const [id, at] of written) latencies.push((arrived.get(id) ?? Infinity) - at);
  return latencies;
}

async function statusWrites(ws: Workspace, refs: SessionRef[], count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const ref = refs[i % refs.length] as SessionRef;
    const t0 = performance.now();
    const res = await ws.setStatus([ref], i % 2 === 0 ? 'accepted' : 'pending');
    times.push(performance.now() - t0);
    if (res.failed.length > 0) throw new Error(res.failed[0]?.error.message);
  }
  return times;
}

async function main(): Promise<void> {
  const loadStart = loadavg()[0] ?? NaN;
  const sessions = arg('sessions', 100_000);
  const repeat = arg('repeat', 3);
  const workers = process.argv.indexOf('--workers');
  if (workers >= 0) process.env['MSM_SCAN_WORKERS'] = process.argv[workers + 1] ?? '2';
  mkdirSync(dataDir, { recursive: true });
  const tGen = performance.now();
  const { root, generated } = cachedDataset(dataDir, sessions);
  const generateMs = performance.now() - tGen;
  process.env['MSM_SCAN_WORKER_SCRIPT'] = await prebuildScanWorker(dataDir);
  const coreCalibration = calibrateCores();

  // The references run before each scan, so they need the scan's worker count up front (checked after the runs).
  const appFolderCount = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).length;
  const refThreads = expectedScanWorkers(appFolderCount);
  const floors: FloorRun[] = [];
  const safeFloors: FloorRun[] = [];
  const safeParallelFloors: FloorRun[] = [];
  const runs: ScanRun[] = [];
  let ws: Workspace | null = null;
  const wsData = join(dataDir, 'workspace-data');
  for (let i = 0; i < repeat; i++) {
    floors.push(runFloor(root));
    safeFloors.push(runFloor(root, { safe: true }));
    safeParallelFloors.push(runFloor(root, { safe: true, threads: refThreads }));
    await ws?.close();
    rmSync(wsData, { recursive: true, force: true });
    gc();
    const r = await coldScan(root, wsData);
    runs.push(r.run);
    ws = r.ws;
  }
  if (!ws) throw new Error('no run');
  const rssAfterScanMB = rssMB();
  gc();
  const engineHeapMB = process.memoryUsage().heapUsed / 1e6; // the open workspace's index, after a full collection
  const state = await ws.getState();
  const apps = state.apps.map((a) => a.folder);
  // Reading calls a UI makes on a full index: every pending session (the inbox), the biggest app (serialized, as IPC would).
  const pending = await blockDuring(() => ws!.listPending());
  const biggest = [...state.apps].sort((a, b) => b.counts.total - a.counts.total)[0]?.folder ?? '';
  const listed = await blockDuring(async () => JSON.stringify(await ws!.listSessions(biggest)).length);
  const watchers = await watcherCost(root, apps, (app) => ws!['folder'].known(app));

  const writtenPaths: string[] = [];
  const latencies = await deltaLatency(ws, root, 200, writtenPaths);
  for (const path of writtenPaths) rmSync(path, { force: true }); // keep the cached data set as generated
  const app0 = apps[0] as string;
  const refs = (await ws.listSessions(app0)).slice(0, 20).map((r) => ({ app: r.app, id: r.id }));
  const original = (await ws.listSessions(app0)).slice(0, 20);
  const writes = await statusWrites(ws, refs, 200);
  for (const r of original) if (r.status) await ws.setStatus([{ app: r.app, id: r.id }], r.status);
  await ws.close();

  const floorMs = median(floors.map((f) => f.ms));
  const pairRatios = runs.map((r, i) => r.scanMs / (floors[i]?.ms ?? NaN));
  const scanMs = median(runs.map((r) => r.scanMs));
  const scanCpuMs = median(runs.map((r) => r.cpuMs));
  const floorCpuMs = median(floors.map((f) => f.cpuMs));
  const cpuRatio = scanCpuMs / floorCpuMs;
  const safeParallel = summarizeReference(safeParallelFloors, refThreads, floorCpuMs);
  const result = {
    sessions,
    files: floors[0]?.files,
    appFolders: apps.length,
    dataset: {
      generated,
      generateMs: round(generateMs),
      cache: 'OS page cache not dropped: floor and scan both run warm, alternating, same state',
    },
    loadAverage1m: {
      start: round(loadStart * 100) / 100,
      perRun: runs.map((r) => round(r.load * 100) / 100),
      end: round((loadavg()[0] ?? NaN) * 100) / 100,
      cores: availableParallelism(),
    },
    machine: {
      coreCalibrationMs: coreCalibration?.cpuMs ?? null,
      coreCalibrationWallMs: coreCalibration?.wallMs ?? null,
      coreCalibrationNote: coreCalibrationNote(coreCalibration),
    },
    floor: {
      medianMs: round(floorMs),
      cpuMsPerRun: floors.map((f) => round(f.cpuMs)),
      runsMs: floors.map((f) => round(f.ms)),
      rssMB: round(floors[0]?.rssMB ?? NaN),
    },
    referenceFloors: {
      safe: summarizeReference(safeFloors, 1, floorCpuMs),
      safeParallel: { ...safeParallel, threadsMatchScanWorkers: runs.every((r) => r.workers === refThreads) },
      note: REFERENCE_NOTE,
    },
    scan: {
      medianMs: round(scanMs),
      runsMs: runs.map((r) => round(r.scanMs)),
      ratioToFloor: round((scanMs / floorMs) * 100) / 100,
      ratioPerRun: pairRatios.map((r) => round(r * 100) / 100),
      ratioMedianOfRuns: round(median(pairRatios) * 100) / 100,
      target: 'wall <= 1.2x floor',
      cpuMsPerRun: runs.map((r) => round(r.cpuMs)),
      cpuRatioToFloor: round(cpuRatio * 100) / 100,
      cpuTarget: 'CPU (every thread) <= 1.5x the floor CPU',
      cpuRatioToSafeParallelFloor: ratio(scanCpuMs / safeParallel.medianCpuMs),
      cpuNote: `Scan CPU over the safe parallel floor (${refThreads} threads). ${SAFE_PARALLEL_NOTE}`,
      threadCpuMsPerRun: runs.map((r) => r.threadCpuMs),
      threadCpuNote: THREAD_CPU_NOTE,
      mainThreadBusyMsPerRun: runs.map((r) => round(r.mainBusyMs)),
      slowReadsPerRun: runs.map((r) => r.slowReads),
      firstAppSessionsMs: round(median(runs.map((r) => r.firstAppMs))),
      firstAppTarget: '<= 300 ms',
      maxEventLoopBlockMs: round(Math.max(...runs.map((r) => r.maxBlockMs))),
      maxProbeGapMs: round(Math.max(...runs.map((r) => r.maxProbeGapMs))),
      blockTarget: '<= 50 ms',
      maxBlockPerRunMs: runs.map((r) => round(r.maxBlockMs)),
      maxGcPauseMs: round(Math.max(...runs.map((r) => r.maxGcPauseMs))),
      gcPausesOver10MsPerRun: runs.map((r) => r.gcPausesOver10Ms),
      maxGcPauseByKindPerRun: runs.map((r) => r.maxGcPauseByKind),
      sessionsIndexed: runs.map((r) => r.sessions),
      workers: runs[0]?.workers,
      foldersByMainThread: runs.map((r) => r.foldersByMainThread),
      rssAfterScanMB: round(rssAfterScanMB),
      engineHeapMB: round(engineHeapMB),
      engineHeapNote: 'V8 heap of the bench process with the 100k index open, after a full GC (no target set)',
    },
    reads: {
      listPending: { sessions: pending.value.length, ms: round(pending.ms), maxBlockMs: round(pending.maxBlockMs) },
      listSessionsBiggestApp: {
        app: biggest,
        jsonChars: listed.value,
        ms: round(listed.ms),
        maxBlockMs: round(listed.maxBlockMs),
      },
      blockTarget: '<= 50 ms',
    },
    watch: {
      nativeReadyInOpenMs: round(runs[runs.length - 1]?.watchReadyMs ?? NaN),
      nativeReadyMs: round(watchers.nativeReadyMs),
      nativeExtraRssMB: round(watchers.nativeExtraMB),
      watchers: watchers.watchers,
      target: 'ready <= 500 ms, < 100 MB extra',
      pollingFirstTickMs: round(watchers.pollingFirstTickMs),
      pollingExtraRssMB: round(watchers.pollingExtraMB),
    },
    delta: {
      writes: latencies.length,
      missed: latencies.filter((l) => !Number.isFinite(l)).length,
      p50Ms: round(pct(latencies, 50)),
      p99Ms: round(pct(latencies, 99)),
      maxMs: round(Math.max(...latencies)),
      target: 'p99 <= 150 ms',
    },
    statusWrite: {
      writes: writes.length,
      p50Ms: round(pct(writes, 50)),
      p99Ms: round(pct(writes, 99)),
      maxMs: round(Math.max(...writes)),
      fsync: true,
      target: 'p99 <= 50 ms',
    },
  };
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

// Reference figures for the scan bench: the lower bounds any safe, parallel scan has.
//   - Reference floors (bench/floor.mjs in a fresh process): the floor under the read rule
//     of session/regular-file.ts (O_NOFOLLOW|O_NONBLOCK open, fstat on the descriptor, read
//     at 0), on one thread and over as many worker threads as the scan uses.
//   - The scan's CPU split per thread (Linux: /proc/self/task/<tid>/stat): main thread,
//     scan workers (threads born during the scan), other threads (V8 platform: GC and
//     compile; libuv pool).
//   - Per-core speed (Linux, taskset): a fixed pure-JS workload pinned to each CPU, so an
//     asymmetric machine (one vCPU slower than another) shows up next to the figures.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round } from './measure';

const here = dirname(fileURLToPath(import.meta.url));

export interface FloorRun {
  ms: number;
  cpuMs: number;
  files: number;
  rssMB: number;
  rssDeltaMB: number;
}

/** One run of bench/floor.mjs in a fresh process: plain (today's floor), or safe, on 1 or N threads. */
export function runFloor(root: string, opts: { safe?: boolean; threads?: number } = {}): FloorRun {
  const args = [join(here, 'floor.mjs'), root];
  if (opts.safe) args.push('--safe');
  if (opts.threads !== undefined) args.push('--threads', String(opts.threads));
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as FloorRun;
}

/**
 * The worker count the scan will start, as scan/scanner.ts picks it (MSM_SCAN_WORKERS, else
 * availableParallelism() capped at 4), capped by the app folders; at least 1.
 */
export function expectedScanWorkers(appFolders: number): number {
  const env = process.env['MSM_SCAN_WORKERS'];
  const max = env !== undefined ? Math.max(0, Number(env) || 0) : Math.min(4, Math.max(1, availableParallelism()));
  return Math.max(1, Math.min(max, appFolders));
}

/** A ratio to 3 decimals (no float tail like 1.4369999999999998). */
export const ratio = (x: number) => Math.round(x * 1000) / 1000;

/** Median wall and CPU of a reference floor, and its CPU against the plain floor's. */
export function summarizeReference(runs: FloorRun[], threads: number, floorCpuMs: number) {
  const medianCpuMs = median(runs.map((r) => r.cpuMs));
  return {
    threads,
    medianMs: round(median(runs.map((r) => r.ms))),
    medianCpuMs: round(medianCpuMs),
    cpuRatioToFloor: ratio(medianCpuMs / floorCpuMs),
    runsMs: runs.map((r) => round(r.ms)),
    cpuMsPerRun: runs.map((r) => round(r.cpuMs)),
  };
}

export const SAFE_PARALLEL_NOTE =
  'The safe parallel floor is what any scan following the read rule (no link followed, no FIFO opened blocking, ' +
  'fstat for type/size/mtime) costs over the same threads before checking, transferring or indexing anything.';

export const REFERENCE_NOTE =
  'floor.mjs in a fresh process, before each scan: safe = open(O_RDONLY|O_NOFOLLOW|O_NONBLOCK) + fstat + read at 0 ' +
  '+ close + JSON.parse on one thread; safeParallel = the same in as many worker threads as the scan starts. ' +
  'cpuRatioToFloor shows how much of the 1.5x CPU budget the read rule and the threads use up alone.';

export const THREAD_CPU_NOTE =
  'Linux /proc/self/task utime+stime (10 ms ticks), sampled every 20 ms: main thread, scanWorkers (threads ' +
  'born during the scan; a worker may lose its last < 20 ms), otherThreads (pre-existing: V8 GC/compile, libuv)';

// --- CPU per thread (Linux) ------------------------------------------------------------

export interface ThreadCpuMs {
  /** The main (event-loop) thread. */
  main: number;
  /** Threads that appeared during the scan: the scan's worker threads. */
  scanWorkers: number;
  /** Threads that existed before: V8 platform threads (GC, compile), libuv pool, inspector. */
  otherThreads: number;
}

const TASK_DIR = '/proc/self/task';
/** USER_HZ: /proc reports utime and stime in ticks of 10 ms on Linux. */
const MS_PER_TICK = 10;

/** utime + stime of every thread of this process, in ms; a thread gone meanwhile is skipped. */
function sampleThreads(into: Map<number, number>): void {
  let tids: string[];
  try {
    tids = readdirSync(TASK_DIR);
  } catch {
    return;
  }
  for (const tid of tids) {
    let stat: string;
    try {
      stat = readFileSync(`${TASK_DIR}/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    // Fields after the command name (which may hold spaces and parentheses): state is index 0, utime 11, stime 12.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (Number.isFinite(ticks)) into.set(Number(tid), ticks * MS_PER_TICK);
  }
}

/**
 * Starts measuring the CPU per thread; `stop()` returns the split since `start`, or null
 * where /proc/self/task does not exist. Worker threads end (or are terminated) as the scan
 * finishes and their entries vanish, so every thread is sampled every `everyMs` and its
 * last sample kept: a worker's last few ms (< everyMs, in 10 ms ticks) may be missed.
 */
export function threadCpuMeter(everyMs = 20): { stop: () => ThreadCpuMs | null } {
  // BENCH_THREAD_CPU=0: no sampling (it reads /proc on the main thread every `everyMs`, to compare without it).
  if (process.platform !== 'linux' || !existsSync(TASK_DIR) || process.env['BENCH_THREAD_CPU'] === '0')
    return { stop: () => null };
  const before = new Map<number, number>();
  sampleThreads(before);
  const last = new Map<number, number>();
  const timer = setInterval(() => sampleThreads(last), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sampleThreads(last);
      const split: ThreadCpuMs = { main: 0, scanWorkers: 0, otherThreads: 0 };
      for (const [tid, ms] of last) {
        const spent = ms - (before.get(tid) ?? 0);
        if (tid === process.pid) split.main += spent;
        else if (!before.has(tid)) split.scanWorkers += spent;
        else split.otherThreads += spent;
      }
      return {
        main: round(split.main),
        scanWorkers: round(split.scanWorkers),
        otherThreads: round(split.otherThreads),
      };
    },
  };
}

// --- Per-core speed (Linux, taskset) -----------------------------------------------------

/** A fixed ~200-byte session-like document, parsed over and over. */
const CALIBRATION_JSON = JSON.stringify({
  id: '0123456789abcdef0123456789abcdef',
  app: 'com.example.app',
  status: 'pending',
  device: { name: 'iPhone', model: 'iPhone14,2', os: '17.1' },
  user: { email: 'someone@example.com' },
  created: 1700000000000,
  n: [1, 2, 3],
});

const CALIBRATION_SCRIPT = `
const [s, count] = [process.argv[1], Number(process.argv[2])];
const c0 = process.cpuUsage();
const t0 = performance.now();
let x = 0;
for (let i = 0; i < count; i++) x += JSON.parse(s).n.length;
const c = process.cpuUsage(c0);
console.log(JSON.stringify({ cpuMs: (c.user + c.system) / 1000, wallMs: performance.now() - t0, x }));
`;

export interface CoreCalibration {
  /** JSON.parse calls per CPU (fewer on a machine with many CPUs, to stay within ~3 s). */
  iterations: number;
  /** CPU time of the workload pinned to cpu0, cpu1, ... (null: that CPU could not be used). */
  cpuMs: (number | null)[];
  /** Wall time of the same: on a VM, time the vCPU was not running (steal) shows here, not in cpuMs. */
  wallMs: (number | null)[];
}

function hasTaskset(): boolean {
  if (process.platform !== 'linux') return false;
  return spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** Runs the workload pinned to each CPU in turn; null where `taskset` is missing. */
export function calibrateCores(): CoreCalibration | null {
  if (!hasTaskset()) return null;
  const count = cpus().length;
  // 500k parses take ~0.45 s of CPU on this machine's cores; fewer per CPU past 4 CPUs.
  const iterations = Math.round(500_000 * Math.min(1, 4 / Math.max(1, count)));
  const result: CoreCalibration = { iterations, cpuMs: [], wallMs: [] };
  for (let cpu = 0; cpu < count; cpu++) {
    const child = spawnSync(
      'taskset',
      ['-c', String(cpu), process.execPath, '-e', CALIBRATION_SCRIPT, CALIBRATION_JSON, String(iterations)],
      { encoding: 'utf8' },
    );
    let figures: { cpuMs: number; wallMs: number } | null = null;
    try {
      if (child.status === 0) figures = JSON.parse(child.stdout) as { cpuMs: number; wallMs: number };
    } catch {
      figures = null;
    }
    result.cpuMs.push(figures ? round(figures.cpuMs) : null);
    result.wallMs.push(figures ? round(figures.wallMs) : null);
  }
  return result;
}

export function coreCalibrationNote(c: CoreCalibration | null): string {
  if (!c) return 'taskset not available: not measured';
  return (
    `${c.iterations} JSON.parse of a 200-byte string in a child pinned to cpu0, cpu1, ... (taskset): CPU ms, ` +
    'and wall ms beside it (on a VM, time a vCPU is not running shows in wall only)'
  );
}

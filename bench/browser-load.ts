// npm run bench:browser [-- --sessions 100000] [--identity]   (needs `npx electron-vite build` and /usr/bin/chromium)
// npm run bench:browser -- --big-app 100000 [--screenshot /tmp/big.png] [--no-cpu | --trace-file /tmp/t.json]
// Browser mode at scale: starts the browser-mode server on the cached data set
// (bench/.data/<n>, as npm run bench makes it), loads the page in Chromium and
// reports, from navigation start: the time until the first app's sessions are on
// screen (a session row) and until every app's sessions have been fetched (as if
// the admin visited each app: listSessions for all apps, from the page, through
// the same HTTP API and token), with the bytes on the wire for each (compressed
// when the browser accepts it) and the bytes of JSON they decode to. Prints JSON.
//
// --big-app <n>: one app of n sessions and two small ones (bench/big-app-dataset.ts). What a
// user feels, each from its input to what it shows, with the long tasks (≥ 50 ms) during and
// after it: load → the big app's first row, a small app and back, each column header, search
// keystrokes; plus the listSessionsPage calls and their wire bytes.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { cachedDataset } from '../electron/engine/testing/dataset';
import { BIG_APP, SMALL_APPS, SMALL_APP_SESSIONS, cachedBigAppDataset } from './big-app-dataset';

const here = dirname(fileURLToPath(import.meta.url));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function stringArg(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

/** Starts `npm run serve`'s server (without the build step) and resolves with the address it prints. */
function startServer(root: string, dataDir: string): Promise<{ child: ChildProcess; url: string; openMs: number }> {
  const t0 = performance.now();
  const cli = join(here, '../electron/server/cli.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--dir', root, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('http'));
      if (line) resolve({ child, url: line.trim(), openMs: performance.now() - t0 });
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before printing its address`)));
  });
}

/** Runs in the page: every app's sessions, fetched as the UI fetches one app (POST /api/listSessions, its token). */
const FETCH_ALL_APPS = `(async () => {
  const token = sessionStorage.getItem('msm-token') ?? '';
  const call = async (method, args) => {
    const res = await fetch('/api/' + method, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-MSM-Token': token },
      body: JSON.stringify(args),
    });
    const text = await res.text();
    return { text, json: JSON.parse(text) };
  };
  const state = (await call('getState', [])).json.value;
  const started = performance.now();
  const lists = await Promise.all(state.apps.map((a) => call('listSessions', [a.folder])));
  return {
    ms: performance.now() - started,
    apps: state.apps.length,
    sessions: lists.reduce((n, l) => n + l.json.value.length, 0),
    jsonBytes: lists.reduce((n, l) => n + l.text.length, 0),
  };
})()`;

/**
 * Runs before the page's scripts: records long tasks and input events (page clock), and
 * `__arm(spec)` watches each frame for what an interaction shows — `rows`: a first row (of
 * `app`; not `notFirst` unless a spinner came and went, or after `maxMs`); `count`: the row
 * count, until unchanged for `settleMs`. The answer lands in `window.__result`.
 */
const PAGE_PROBE = `(() => {
  window.__longTasks = [];
  window.__inputs = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ startTime: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    window.__longTaskError = String(e);
  }
  for (const type of ['mousedown', 'keydown'])
    addEventListener(type, (e) => window.__inputs.push(e.timeStamp), true);
  const grid = '[data-testid="sessions-table"]';
  const count = () => Number(document.querySelector(grid)?.getAttribute('aria-rowcount') ?? 0) - 1;
  window.__arm = (spec) => {
    window.__result = null;
    const armed = performance.now();
    const start = () => window.__inputs.find((t) => t >= armed) ?? armed;
    let spinner = false;
    let last = count();
    let lastChange = null;
    const tick = () => {
      const now = performance.now();
      if (document.querySelector(grid + ' .spinner')) spinner = true;
      if (spec.kind === 'rows') {
        const row = document.querySelector('[data-testid="session-row"][aria-rowindex="2"]');
        const current = document.querySelector('[data-testid="app-item"][aria-current="page"]');
        const id = row ? row.getAttribute('data-id') : null;
        const onApp = !spec.app || (current && current.getAttribute('data-app') === spec.app);
        if (row && onApp && (!spec.notFirst || id !== spec.notFirst || spinner || now - start() >= spec.maxMs)) {
          window.__result = { start: start(), end: now, changed: id !== spec.notFirst, spinner, rows: count() };
          return;
        }
      } else {
        const c = count();
        if (c !== last) { last = c; lastChange = now; }
        if (now - (lastChange ?? start()) >= spec.settleMs) {
          window.__result = { start: start(), end: lastChange, changed: lastChange !== null, spinner, rows: c };
          return;
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
})()`;

/** What `__arm` saw (page clock, ms). */
type Probe = { start: number; end: number | null; changed: boolean; spinner: boolean; rows: number };
/** `cpu`: the main thread's CPU time in it (from the trace), when found: on a busy machine a task waits for a core. */
type LongTask = { startTime: number; duration: number; cpu?: number };
type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number };
type SyncEvent = TraceEvent & { args?: { data?: { message?: string } } };
/** `quietUntil`: when the quiet time after it ended (page clock). */
type Interaction = { name: string; probe: Probe; quietUntil: number };

/** Fills each long task's `cpu` from a Chromium trace holding a `console.timeStamp('msm-sync')` made at page time `syncAt`. */
function addCpuTimes(trace: Buffer, tasks: LongTask[], syncAt: number): void {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: SyncEvent[] }).traceEvents;
  const sync = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'msm-sync');
  if (!sync) return;
  const offset = sync.ts / 1000 - syncAt; // trace clock (ms) - page clock, on the page's main thread
  const runs = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === sync.pid && e.tid === sync.tid);
  const miss = (t: LongTask, e: TraceEvent) =>
    Math.abs(e.ts / 1000 - offset - t.startTime) + Math.abs((e.dur ?? 0) / 1000 - t.duration);
  for (const t of tasks) {
    // The long task's span is a few ms shorter than the trace's RunTask (it leaves some of its ends out).
    const run = runs.filter((e) => miss(t, e) < 25).sort((a, b) => miss(t, a) - miss(t, b))[0];
    if (run?.tdur !== undefined) t.cpu = run.tdur / 1000;
  }
}

/**
 * Long tasks that started in [from, to) (`inProgress`: or were running at `from`): their count,
 * the longest, the sum and each as "<ms> ms at +<start relative to from>".
 */
function tasksIn(tasks: LongTask[], from: number, to: number, inProgress: boolean) {
  const hit = tasks.filter(
    (t) => t.startTime < to && (t.startTime >= from || (inProgress && t.startTime + t.duration > from)),
  );
  const r = (v: number) => Math.round(v);
  return {
    count: hit.length,
    longestMs: r(Math.max(0, ...hit.map((t) => t.duration))),
    sumMs: r(hit.reduce((n, t) => n + t.duration, 0)),
    longestCpuMs: r(Math.max(0, ...hit.map((t) => t.cpu ?? 0))),
    tasks: hit.map(
      (t) => `${r(t.duration)} ms at +${r(t.startTime - from)} (cpu ${t.cpu === undefined ? '?' : r(t.cpu)})`,
    ),
  };
}

const QUIET_MS = 1500;
const TARGET = 'longest task ≤ 100 ms';

/** The probe's answer. (Not waitForFunction: the page's CSP forbids the eval it does with a string.) */
async function awaitProbe(page: Page): Promise<Probe> {
  const wait = `new Promise((resolve, reject) => {
    const giveUp = performance.now() + 180000;
    const poll = () => (window.__result != null ? resolve(window.__result)
      : performance.now() > giveUp ? reject(new Error('the page never showed it (180 s)')) : setTimeout(poll, 50));
    poll();
  })`;
  return (await page.evaluate(wait)) as Probe;
}

/** Arms the probe, runs `act` (the input), waits for the probe's answer, then a quiet time. */
async function interact(page: Page, name: string, spec: object, act: () => Promise<void>): Promise<Interaction> {
  await page.evaluate(`window.__arm(${JSON.stringify(spec)})`);
  await act();
  const probe = await awaitProbe(page);
  return { name, probe, quietUntil: await quietTime(page) };
}

/** Waits QUIET_MS; returns the page clock then. */
async function quietTime(page: Page): Promise<number> {
  await page.waitForTimeout(QUIET_MS);
  return (await page.evaluate('performance.now()')) as number;
}

async function firstRowId(page: Page): Promise<string | null> {
  return page.locator('[data-testid="session-row"][aria-rowindex="2"]').getAttribute('data-id');
}

async function bigAppMode(page: Page, sessions: number): Promise<{ interactions: Interaction[]; notes: string[] }> {
  const notes: string[] = [];
  const interactions: Interaction[] = [];
  const rows = (app: string, notFirst: string | null, maxMs = 0) => ({ kind: 'rows', app, notFirst, maxMs });

  // a. The load, armed by the init script before navigation: start = navigation start.
  const loaded = await awaitProbe(page);
  loaded.start = 0;
  const shot = stringArg('screenshot');
  if (shot) await page.screenshot({ path: shot });
  const name = `load → first row of the big app (${sessions})`;
  interactions.push({ name, probe: loaded, quietUntil: await quietTime(page) });

  // b. Another app, then back to the big one (its order is rebuilt in slices; a spinner meanwhile).
  const small = SMALL_APPS[0]!.folder;
  const item = (folder: string) => page.locator(`[data-testid="app-item"][data-app="${folder}"]`);
  let before = await firstRowId(page);
  interactions.push(
    await interact(page, `open a small app (${SMALL_APP_SESSIONS})`, rows(small, before), () => item(small).click()),
  );
  before = await firstRowId(page);
  interactions.push(
    await interact(page, 'back to the big app', rows(BIG_APP.folder, before), () => item(BIG_APP.folder).click()),
  );

  // c. Each sortable column header once: until the first row changes (or a spinner came and went), or 2 s.
  const keys = (await page.evaluate(
    `[...document.querySelectorAll('[data-testid="sessions-table"] button[data-sort]')].map((e) => e.dataset.sort)`,
  )) as string[];
  for (const key of keys) {
    const header = page.locator(`[data-testid="sessions-table"] button[data-sort="${key}"]`);
    if (!(await header.isVisible())) {
      notes.push(`column "${key}" is hidden at this width: not clicked`);
      continue;
    }
    before = await firstRowId(page);
    const done = await interact(page, `sort by ${key}`, rows(BIG_APP.folder, before, 2000), () => header.click());
    if (!done.probe.changed && !done.probe.spinner) notes.push(`sort by ${key}: the first row did not change in 2 s`);
    interactions.push(done);
  }

  // d. Keystrokes in the search box, each until the row count has settled (1 s unchanged).
  const box = page.locator('[data-testid="search"]');
  await box.click();
  await page.waitForTimeout(300);
  const settle = { kind: 'count', settleMs: 1000 };
  for (const [label, key] of [
    ['"9" (most rows match)', '9'],
    ['"99" (narrows)', '9'],
    ['Escape (clears the search)', 'Escape'],
  ] as const)
    interactions.push(await interact(page, `search: ${label}`, settle, () => page.keyboard.press(key)));
  return { interactions, notes };
}

async function main(): Promise<void> {
  const bigApp = arg('big-app', 0);
  const sessions = bigApp || arg('sessions', 100_000);
  const genStart = performance.now();
  const { root, generated } = bigApp
    ? cachedBigAppDataset(join(here, '.data'), bigApp)
    : cachedDataset(join(here, '.data'), sessions);
  const generatedMs = generated ? Math.round(performance.now() - genStart) : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'msm-browser-bench-'));
  const server = await startServer(root, dataDir);
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage(bigApp ? { viewport: { width: 1440, height: 900 } } : {});
    // --identity: ask for uncompressed answers, to compare.
    const identity = process.argv.includes('--identity');
    if (identity) await page.setExtraHTTPHeaders({ 'Accept-Encoding': 'identity' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const transfers = new Map<string, { url: string; wireBytes: number; encoding: string }>();
    const pageCalls = new Map<string, string>(); // request id → app, for listSessionsPage
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!e.request.url.includes('/api/listSessionsPage')) return;
      const body = e.request.postData ?? '[]';
      pageCalls.set(e.requestId, String((JSON.parse(body) as unknown[])[0] ?? '?'));
    });
    cdp.on('Network.responseReceived', (e) => {
      const headers = e.response.headers as Record<string, string>;
      const encoding = headers['content-encoding'] ?? headers['Content-Encoding'] ?? 'identity';
      transfers.set(e.requestId, { url: e.response.url, wireBytes: 0, encoding });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const t = transfers.get(e.requestId);
      if (t) t.wireBytes = e.encodedDataLength;
    });
    const wire = () => [...transfers.values()].reduce((n, t) => n + t.wireBytes, 0);

    if (bigApp) {
      const armLoad = { kind: 'rows', app: BIG_APP.folder, notFirst: null };
      await page.addInitScript(`${PAGE_PROBE}; window.__arm(${JSON.stringify(armLoad)})`);
      // --no-cpu: no trace (it costs the page a little), so no CPU time per long task.
      const trace = !process.argv.includes('--no-cpu');
      const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];
      if (trace) await browser.startTracing(page, { categories });
      await page.goto(server.url);
      const { interactions, notes } = await bigAppMode(page, bigApp);
      const syncAt = (await page.evaluate("console.timeStamp('msm-sync'), performance.now()")) as number;
      const tasks = (await page.evaluate('window.__longTasks')) as LongTask[];
      if (trace) {
        const buffer = await browser.stopTracing();
        addCpuTimes(buffer, tasks, syncAt);
        const file = stringArg('trace-file'); // for DevTools' Performance panel
        if (file) writeFileSync(file, buffer);
      }
      const taskError = (await page.evaluate('window.__longTaskError ?? null')) as string | null;
      const byApp: Record<string, { calls: number; wireBytes: number }> = {};
      for (const [id, app] of pageCalls) {
        const entry = (byApp[app] ??= { calls: 0, wireBytes: 0 });
        entry.calls++;
        entry.wireBytes += transfers.get(id)?.wireBytes ?? 0;
      }
      const ms = (v: number | null) => (v === null ? null : Math.round(v));
      const windows = interactions.map((i) => [i.probe.start, i.quietUntil] as const);
      const result = {
        mode: 'big-app',
        bigApp: { folder: BIG_APP.folder, sessions: bigApp },
        smallApps: SMALL_APPS.map((a) => ({ folder: a.folder, sessions: SMALL_APP_SESSIONS })),
        generatedMs,
        loadAverage1m: loadavg()[0],
        serverOpenMs: Math.round(server.openMs),
        longTaskObserver: taskError ?? 'ok',
        interactions: interactions.map(({ name, probe, quietUntil }) => {
          const end = probe.end ?? probe.start;
          const during = tasksIn(tasks, probe.start, end, true);
          return {
            name,
            ms: probe.end === null ? null : ms(probe.end - probe.start),
            target: TARGET,
            longestTaskMs: during.longestMs,
            longTasks: during,
            afterwards: { quietMs: ms(quietUntil - end), ...tasksIn(tasks, end, quietUntil, false) },
            shown: { firstRowChanged: probe.changed, spinnerSeen: probe.spinner, rows: probe.rows },
          };
        }),
        listSessionsPage: {
          calls: pageCalls.size,
          wireBytes: Object.values(byApp).reduce((n, a) => n + a.wireBytes, 0),
          byApp,
        },
        // Long tasks in no interaction's window (between a quiet time and the next input).
        elsewhere: tasks
          .filter((t) => !windows.some(([from, to]) => t.startTime + t.duration > from && t.startTime < to))
          .map((t) => `${ms(t.duration)} ms at ${ms(t.startTime)} (page clock; cpu ${ms(t.cpu ?? null) ?? '?'})`),
        notes: [
          ...notes,
          'ms: from the input event (the load: navigation start) to the frame that shows the result; the search: to the last change of the row count',
          'longTasks: during that time; afterwards: in the quiet time after it (before the next input)',
          "cpu: the page's main-thread CPU time in the task (Chromium trace); much less than the task's time = it waited for a core",
        ],
      };
      console.log(JSON.stringify(result, null, 2));
      return;
    }

    const t0 = performance.now();
    await page.goto(server.url);
    await page.locator('[data-testid="session-row"]').first().waitFor({ timeout: 120_000 });
    const firstAppMs = performance.now() - t0;
    await page.waitForLoadState('networkidle');
    const firstAppBytes = wire();
    const pageAndFirstApp = [...transfers.values()].map((t) => ({ ...t, url: t.url.replace(/\?.*$/, '') }));

    // Every app's sessions, as the UI fetches one app: POST /api/listSessions with the page's token.
    // A string, not a function: tsx's transform would add helpers the page does not have.
    const fetched = (await page.evaluate(FETCH_ALL_APPS)) as {
      ms: number;
      apps: number;
      sessions: number;
      jsonBytes: number;
    };
    await page.waitForLoadState('networkidle');
    const allAppsMs = performance.now() - t0;
    const result = {
      sessions,
      acceptEncoding: identity ? 'identity' : "Chromium's default",
      loadAverage1m: loadavg()[0],
      serverOpenMs: Math.round(server.openMs),
      firstApp: { ms: Math.round(firstAppMs), wireBytes: firstAppBytes, requests: pageAndFirstApp },
      allApps: {
        ms: Math.round(allAppsMs),
        fetchAllMs: Math.round(fetched.ms),
        apps: fetched.apps,
        sessions: fetched.sessions,
        wireBytes: wire(),
        jsonBytes: fetched.jsonBytes,
        compression: Math.round((fetched.jsonBytes / Math.max(1, wire() - firstAppBytes)) * 10) / 10,
      },
      note: 'times from navigation start; wire bytes as Chromium counted them (headers included)',
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

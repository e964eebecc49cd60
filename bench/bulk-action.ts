// `node --import tsx bench/bulk-action.ts [--sessions 20000] [--batches 40]`: what a bulk
// Accept costs the renderer at 20,000 sessions, with the real store functions. The tester's
// case: search "marta" (about 1,450 rows shown, a quarter of them pending), Select All,
// Accept; the engine rewrites the pending files and its event batcher sends the new
// records as coalesced deltas (a batch every few milliseconds). Each delta goes through the
// workspace store (its subscribers: selection pruning, window title) and then what a
// render of the table asks for (visibleWithFilters, with the order held since the click).
// Also: the same with every row shown (no search) and with Select All of 20,000.
// Prints JSON figures (milliseconds); nothing is asserted.

import { applySessionsDelta, finishLoad, resetWorkspace, useWorkspace } from '../renderer/src/store/workspace';
import { forgetSortedView, stepIndexBuild } from '../renderer/src/store/session-view';
import { currentVisibleIds, forgetVisible, holdRowOrder, visibleWithFilters } from '../renderer/src/store/visible';
import { resetUi, setSelection, useUi } from '../renderer/src/store/ui';
import { selectAll } from '../renderer/src/store/selection';
import { watchSelection } from '../renderer/src/features/sessions/selection-actions';
import { manySessions } from '../renderer/src/test/fake-client';
import type { AppFolder, SessionRecord } from '../shared/types';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { hexId, manifestText, rng, sessionText, type AppSpec } from '../electron/engine/testing/dataset';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

const n = arg('sessions', 20_000);
const batches = arg('batches', 40);
const app = 'TEAM.com.example.app';
const now = Date.now();

function dataset(): SessionRecord[] {
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  return manySessions(app, n).map((r, i) => ({
    ...r,
    // About 7% are Marta's (1,450 of 20,000), a quarter of those pending.
    email: random() < 0.0727 ? `marta.${i}@corp.com` : `user${i}@corp${i % 13}.com`,
    status: random() < 0.25 ? 'pending' : 'accepted',
    mtimeMs: now - Math.floor(random() * 400 * 86_400_000),
  }));
}

function appFolder(records: SessionRecord[]): AppFolder {
  const pending = records.filter((r) => r.status === 'pending').length;
  return {
    folder: app,
    name: 'Example',
    platform: 'ios',
    counts: { total: records.length, pending, accepted: records.length - pending, problems: 0 },
  } as unknown as AppFolder;
}

interface Run {
  shown: number;
  changed: number;
  deltas: number;
  /** One delta through the store and its subscribers. */
  storeMs: { total: number; max: number };
  /** What the render after it asks for (the table, the status bar, the list header: same call). */
  renderMs: { total: number; max: number };
  totalMs: number;
}

function run(query: string): Run {
  resetWorkspace();
  resetUi();
  forgetSortedView();
  forgetVisible();
  const records = dataset();
  useWorkspace.setState({ apps: [appFolder(records)] });
  finishLoad(app, records);
  while (!stepIndexBuild(50));
  const sort = useUi.getState().sort;
  useUi.setState({ selectedApp: app, query, view: 'sessions' });
  const offSel = watchSelection();
  const s0 = useWorkspace.getState().sessions.get(app)!;
  const shown = visibleWithFilters(s0, sort, query, 'all', {});
  setSelection(selectAll(useUi.getState().selection, shown));
  holdRowOrder();
  // The engine rewrites the pending ones: accepted, touched now.
  const changed = shown.map((id) => s0.records.get(id)!).filter((r) => r.status === 'pending');
  const per = Math.ceil(changed.length / batches);
  const storeMs: number[] = [];
  const renderMs: number[] = [];
  let k = 0;
  for (let b = 0; b < changed.length; b += per) {
    k += 1;
    const upserted = changed.slice(b, b + per).map((r) => ({ ...r, status: 'accepted' as const, mtimeMs: now + k }));
    let t = performance.now();
    applySessionsDelta(app, { upserted, removed: [] });
    const apps = useWorkspace.getState().apps.map((a) => ({
      ...a,
      counts: { ...a.counts, pending: a.counts.pending - upserted.length },
    }));
    useWorkspace.setState({ apps });
    storeMs.push(performance.now() - t);
    t = performance.now();
    const s = useWorkspace.getState().sessions.get(app)!;
    for (let c = 0; c < 4; c++) visibleWithFilters(s, sort, query, 'all', {});
    currentVisibleIds();
    renderMs.push(performance.now() - t);
  }
  offSel();
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  return {
    shown: shown.length,
    changed: changed.length,
    deltas: storeMs.length,
    storeMs: { total: round(sum(storeMs)), max: round(Math.max(...storeMs)) },
    renderMs: { total: round(sum(renderMs)), max: round(Math.max(...renderMs)) },
    totalMs: round(sum(storeMs) + sum(renderMs)),
  };
}

function storeBench(): void {
  run('marta'); // warm-up
  const out = {
    sessions: n,
    batches,
    search: run('marta'),
    everyRow: process.argv.includes('--search-only') ? null : run(''),
  };
  console.log(JSON.stringify(out, null, 2));
}

// --- browser mode: the real page in headless Chromium -------------------------------------

const stringArg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

const BULK_APP: AppSpec = {
  folder: 'AAAAA00000.com.example.bulk',
  bundleId: 'com.example.bulk',
  teamId: 'AAAAA00000',
  platform: 'ios',
  name: 'Bulk App',
};

/** One app of `sessions` files: about 7% Marta's, a quarter of every group pending; times over a year. */
function writeFolder(parent: string, sessions: number): { root: string; martaPending: number; marta: number } {
  const root = join(parent, 'MobileApps');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, BULK_APP.folder), { recursive: true });
  writeFileSync(join(root, 'key.mobileapp'), 'production key');
  writeFileSync(join(root, BULK_APP.folder, 'manifest.json'), manifestText(BULK_APP));
  const rand = rng(11);
  const nowS = Math.floor(Date.now() / 1000);
  let marta = 0;
  let martaPending = 0;
  for (let i = 0; i < sessions; i++) {
    const id = hexId(rand);
    const json = JSON.parse(sessionText(BULK_APP, id, i, 'accepted')) as Record<string, unknown>;
    const isMarta = rand() < 0.0727;
    const pending = rand() < 0.25;
    json['email'] = isMarta ? `marta.${i}@example.com` : `user${i}@example.com`;
    json['status'] = pending ? 'pending' : 'accepted';
    if (isMarta) marta += 1;
    if (isMarta && pending) martaPending += 1;
    const file = join(root, BULK_APP.folder, id);
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    const t = nowS - Math.floor(rand() * 365 * 86_400);
    utimesSync(file, t, t);
  }
  return { root, marta, martaPending };
}

function startServer(
  root: string,
  dataDir: string,
  rendererDir: string,
): Promise<{ child: ChildProcess; url: string }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, '../electron/server/cli.ts'), '--dir', root, '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PUSH_SECRET: '', MSM_RENDERER_DIR: rendererDir } },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, url: line.trim() }));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

// Page scripts (strings: this file is type-checked without the DOM library).
const RECORD_LONG_TASKS = `
  window.__events = { count: 0, groups: 0, maxGroup: 0, group: 0 };
  const NativeEventSource = window.EventSource;
  window.EventSource = class extends NativeEventSource {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        const e = window.__events;
        if (window.__t0 === undefined) return;
        e.count += 1;
        if (e.group === 0) {
          e.groups += 1;
          setTimeout(() => (e.group = 0), 0);
        }
        e.group += 1;
        e.maxGroup = Math.max(e.maxGroup, e.group);
      });
    }
  };
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });`;

/** Clicks the button (Accept, Hold, or Delete's confirmation) and notes when its notice shows. */
const CLICK_AND_WATCH = (selector: string) => `(() => {
  window.__toast = null;
  window.__toastText = '';
  const mo = new MutationObserver(() => {
    if (window.__toast !== null) return;
    const toast = [...document.querySelectorAll('[data-testid="toast"]')].find((t) =>
      /set to|already|trash/i.test(t.textContent ?? ''),
    );
    if (toast) {
      window.__toast = performance.now();
      window.__toastText = toast.textContent ?? '';
    }
  });
  mo.observe(document.body, { subtree: true, childList: true, characterData: true });
  window.__t0 = performance.now();
  document.querySelector('${selector}').click();
})()`;

const QUIET = `(() => {
  const last = window.__long.reduce((m, e) => Math.max(m, e.start + e.ms), 0);
  return { toast: window.__toast, quietMs: performance.now() - Math.max(last, window.__t0) };
})()`;

const RESULT = `(() => {
  const tasks = window.__long.filter((e) => e.start + e.ms >= window.__t0);
  return {
    toastMs: window.__toast === null ? -1 : Math.round(window.__toast - window.__t0),
    toast: window.__toastText,
    longTasks: tasks.length,
    longestTaskMs: Math.round(tasks.reduce((m, e) => Math.max(m, e.ms), 0)),
    longTaskTotalMs: Math.round(tasks.reduce((m, e) => m + e.ms, 0)),
    events: window.__events.count,
    mostEventsInOneTask: window.__events.maxGroup,
  };
})()`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface BrowserRun {
  shown: string;
  selected: string;
  toastMs: number;
  toast: string;
  longTasks: number;
  longestTaskMs: number;
  longTaskTotalMs: number;
  /** Engine events the page received after the click, and the most handled before a timer could run. */
  events: number;
  mostEventsInOneTask: number;
}

async function browserRun(query: string, action: 'accept' | 'hold' | 'delete'): Promise<BrowserRun> {
  const { chromium } = await import('playwright-core');
  const work = mkdtempSync(join(tmpdir(), 'msm-bulk-'));
  const { root } = writeFolder(work, n);
  const rendererDir = stringArg('renderer', join(dirname(fileURLToPath(import.meta.url)), '../out/renderer'));
  const server = await startServer(root, join(work, 'data'), rendererDir);
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.addInitScript(RECORD_LONG_TASKS);
    await page.goto(server.url);
    await page.locator('[data-testid="session-row"]').first().waitFor({ timeout: 120_000 });
    await sleep(3000); // idle-time index builds
    if (query) {
      await page.locator('[data-testid="search"]').fill(query);
      await sleep(1500);
    }
    await page.locator('[data-testid="sessions-table"]').focus();
    await page.locator('[data-testid="select-all"]').check();
    await sleep(1500);
    const profileTo = stringArg('profile', '');
    const cdp = profileTo ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const shown = (await page.locator('[data-testid="shown-count"]').textContent()) ?? '';
    const selected = (await page.locator('[data-testid="selection-count"]').textContent()) ?? '';
    if (action === 'delete') {
      await page.locator('[data-testid="bulk-delete"]').click();
      await page.locator('[data-testid="confirm-dialog"] .button--danger').waitFor();
      await page.evaluate(CLICK_AND_WATCH('[data-testid="confirm-dialog"] .button--danger'));
    } else await page.evaluate(CLICK_AND_WATCH(`[data-testid="bulk-${action}"]`));
    // Until the notice showed and the page has been quiet (no long task) for 3 s.
    const started = Date.now();
    for (;;) {
      await sleep(500);
      const state = (await page.evaluate(QUIET)) as { toast: number | null; quietMs: number };
      if ((state.toast !== null && state.quietMs > 3000) || Date.now() - started > 120_000) break;
    }
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(profileTo, JSON.stringify(profile));
    }
    const result = (await page.evaluate(RESULT)) as Omit<BrowserRun, 'shown' | 'selected'>;
    return { shown, selected, ...result };
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

async function browserBench(): Promise<void> {
  const runs = arg('runs', 1);
  const query = stringArg('query', 'marta');
  const action = stringArg('action', 'accept') as 'accept' | 'hold' | 'delete';
  const out: BrowserRun[] = [];
  for (let r = 0; r < runs; r++) out.push(await browserRun(query === '-' ? '' : query, action));
  console.log(JSON.stringify({ sessions: n, query, action, runs: out }, null, 2));
}

if (process.argv.includes('--browser')) await browserBench();
else storeBench();

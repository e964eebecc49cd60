// npm run bench:browser [-- --sessions 100000] [--identity]   (needs `npx electron-vite build` and /usr/bin/chromium)
// Browser mode at scale: starts the browser-mode server on the cached data set
// (bench/.data/<n>, as npm run bench makes it), loads the page in Chromium and
// reports, from navigation start: the time until the first app's sessions are on
// screen (a session row) and until every app's sessions have been fetched (as if
// the admin visited each app: listSessions for all apps, from the page, through
// the same HTTP API and token), with the bytes on the wire for each (compressed
// when the browser accepts it) and the bytes of JSON they decode to. Prints JSON.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { cachedDataset } from '../electron/engine/testing/dataset';

const here = dirname(fileURLToPath(import.meta.url));

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
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

interface Transfer {
  url: string;
  wireBytes: number;
  encoding: string;
}

async function main(): Promise<void> {
  const sessions = arg('sessions', 100_000);
  const { root } = cachedDataset(join(here, '.data'), sessions);
  const dataDir = mkdtempSync(join(tmpdir(), 'msm-browser-bench-'));
  const server = await startServer(root, dataDir);
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    // --identity: ask for uncompressed answers, to compare.
    const identity = process.argv.includes('--identity');
    if (identity) await page.setExtraHTTPHeaders({ 'Accept-Encoding': 'identity' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const transfers = new Map<string, Transfer>();
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

// End-to-end harness: a real MobileApps folder in a temp directory, the real
// browser-mode server (`node --import tsx electron/server/cli.ts`, exactly
// what `npm run serve` runs) and Debian's Chromium driven by playwright-core.
// Needs a built renderer (out/renderer): run `npx electron-vite build` first.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ApiResponse } from '../../shared/api';
import { writeDemoFolder, type DemoFolderOptions } from '../../electron/engine/demo/demo-folder';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * Where the screenshot tests write. The README's pictures in docs/screenshots are
 * refreshed only on request (UPDATE_SCREENSHOTS=1), so a test run leaves the
 * working tree clean.
 */
export const SCREENSHOTS = process.env['UPDATE_SCREENSHOTS']
  ? join(ROOT, 'docs', 'screenshots')
  : join(tmpdir(), 'msm-screenshots');

export interface ServedFolder {
  /** The address the server printed, token included. */
  url: string;
  origin: string;
  token: string;
  /** The MobileApps folder the server watches. */
  mobileApps: string;
  dataDir: string;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Creates a temp MobileApps folder and serves it; resolves once the URL line is printed. */
export async function serveDemoFolder(opts: DemoFolderOptions & { extraArgs?: string[] } = {}): Promise<ServedFolder> {
  const rendererIndex = join(ROOT, 'out', 'renderer', 'index.html');
  if (!existsSync(rendererIndex)) throw new Error('out/renderer is missing: run `npx electron-vite build` first.');
  const base = await mkdtemp(join(tmpdir(), 'msm-e2e-'));
  const mobileApps = await writeDemoFolder(join(base, 'server-data'), { seed: 7, withProblems: true, ...opts });
  const served = await serveFolder(mobileApps, join(base, 'app-data'), { extraArgs: opts.extraArgs });
  return {
    ...served,
    stop: async () => {
      await served.stop();
      await rm(base, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the browser-mode server (`electron/server/cli.ts`) on a folder; resolves once it prints its
 * address. `env` is added to this process's environment (PUSH_SECRET is empty unless given there).
 */
export async function serveFolder(
  mobileApps: string,
  dataDir: string,
  opts: { extraArgs?: string[]; env?: Record<string, string> } = {},
): Promise<ServedFolder> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'electron', 'server', 'cli.ts'),
      '--dir',
      mobileApps,
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...(opts.extraArgs ?? []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PUSH_SECRET: '', ...opts.env } },
  );
  let err = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (c: string) => (err += c));
  const url = await firstLine(child, () => err);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    mobileApps,
    dataDir,
    stderr: () => err,
    stop: () => stopChild(child),
  };
}

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) =>
      reject(new Error(`the server exited (${code}) before printing its address:\n${stderr()}`)),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Calls one API method of a served folder as the page does (token header, envelope unwrapped). */
export async function callApi<T>(served: ServedFolder, method: string, args: unknown[] = []): Promise<T> {
  const res = await fetch(`${served.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-MSM-Token': served.token },
    body: JSON.stringify(args),
  });
  const body = (await res.json()) as ApiResponse<T>;
  if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
  return body.value;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (CSP violations show up here). */
  errors: string[];
}

export async function openApp(
  browser: Browser,
  url: string,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme,
    locale: 'en-US',
    deviceScaleFactor: 1,
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page, errors };
}

/** Session ids (file names) in one app folder. */
export async function sessionFiles(mobileApps: string, app: string): Promise<string[]> {
  const names = await readdir(join(mobileApps, app));
  return names.filter((n) => /^[0-9A-Fa-f]+$/.test(n)).sort();
}

export async function appFolders(mobileApps: string): Promise<string[]> {
  const entries = await readdir(mobileApps, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

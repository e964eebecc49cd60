// Runs the real command line as a child process on real temporary folders, and
// reads those folders back for assertions.
//
// Entry point: the bundle `npm run build:cli` produces (built once into a temp
// folder by buildCliBundle), because starting the TypeScript source through tsx
// costs about a second per run and these tests start the CLI ~50 times. The bin
// launcher itself (bin/mobile-sessions.mjs → tsx → source, as `npx` runs it) is
// covered by its own test with `useBin`.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSessionFileName } from '../../electron/engine/session/session-file';

export const BIN = fileURLToPath(new URL('../../bin/mobile-sessions.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

let entry = BIN;

/** Builds out/cli/main.js into a temp folder (same config as npm run build:cli) and runs that from now on. */
export async function buildCliBundle(): Promise<string> {
  const outDir = join(await mkdtemp(join(tmpdir(), 'msm-cli-bundle-')), 'cli');
  const vite = join(REPO, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'vite.cli.config.ts', '--outDir', outDir, '--logLevel', 'error'],
    {
      cwd: REPO,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`vite build of the CLI failed: ${r.stderr}`);
  entry = join(outDir, 'main.js');
  return outDir;
}

/** Runs this entry point (a bundle built earlier) from now on. */
export function useEntry(path: string): void {
  entry = path;
}

/** Runs the bin launcher (tsx + TypeScript source), exactly what `npx mobile-sessions` runs. */
export function useBin(): void {
  entry = BIN;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { cwd: string; env?: Record<string, string | undefined> },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MSM_DIR: undefined,
      PUSH_SECRET: undefined,
      NO_COLOR: '1',
      ...opts.env,
    };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    // stdin is not a terminal: "delete" must refuse without --yes.
    const child = spawn(process.execPath, [entry, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every file under `dir` (relative path → bytes), to prove a command changed nothing. */
export async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(relative(dir, p), await readFile(p));
    }
  }
  await walk(dir);
  return out;
}

/** Paths whose bytes differ (or that appeared / disappeared) between two snapshots. */
export function changedPaths(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => !before.get(p)?.equals(after.get(p) ?? Buffer.alloc(0)) || !after.has(p)).sort();
}

export interface OnDiskSession {
  app: string;
  id: string;
  json: Record<string, unknown>;
  text: string;
}

/** The readable sessions of a MobileApps folder, read directly (not through the CLI). */
export async function readSessions(root: string): Promise<OnDiskSession[]> {
  const out: OnDiskSession[] = [];
  for (const app of await readdir(root, { withFileTypes: true })) {
    if (!app.isDirectory()) continue;
    for (const name of await readdir(join(root, app.name))) {
      if (!isSessionFileName(name)) continue;
      const text = await readFile(join(root, app.name, name), 'utf8');
      try {
        out.push({ app: app.name, id: name, json: JSON.parse(text) as Record<string, unknown>, text });
      } catch {
        // the deliberately broken file of a demo folder "withProblems"
      }
    }
  }
  return out;
}

export const refOf = (s: { app: string; id: string }): string => `${s.app}/${s.id}`;

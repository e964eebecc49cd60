// `npm run serve -- [--dir <folder>]… [--port <n>] [--host <h>] [--polling]
//                   [--push-url <url>] [--data-dir <dir>]`
// Browser mode: opens the folder(s) (or the demo folder) with the engine, starts
// the loopback server and prints exactly one line on stdout — the address to
// open, token included. Errors and warnings go to stderr. The push secret is
// read from the PUSH_SECRET environment variable only, never from a flag
// (flags end up in shell history and `ps`). `--dir` may be given several times
// (one folder per 4D Server): all are open in the sidebar, the first is shown.

import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WorkspaceSet } from '../engine/folder-set/workspace-set';
import { toErrorInfo } from '../../shared/api-error';
import { startServer } from './http-server';
import { browserModeDataDir } from '../engine/paths';
import { createBrowserPushService } from './push-wiring';
import { settingsWatchPreferences } from '../engine/settings/watch-preferences';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliOptions {
  /** The first --dir (the folder shown at start), or null for the demo folder. */
  dir: string | null;
  /** Every --dir, in order. */
  dirs: string[];
  port: number;
  host: string;
  polling: boolean;
  pushUrl: string | null;
  dataDir: string;
  staticDir: string;
  /** --help / -h: print the usage and exit. */
  help: boolean;
}

export const USAGE = `Usage: npm run serve -- [options]

Browser mode: the same app as the desktop one, in your browser, on this machine.
Prints one line: the address to open (its access token included).

Options:
  --dir <folder>       A MobileApps folder (or the 4D data folder that holds one). Give it
                       several times for several servers; without it, the demo folder opens.
  --port <n>           Port to listen on (default: a free one).
  --host <h>           Address to listen on (default 127.0.0.1; anything else is reachable
                       from other machines: prefer an SSH tunnel).
  --polling            Watch the folders by polling (network shares that send no events).
  --push-url <url>     The 4D Server's web address for Push. The shared secret is read from
                       the PUSH_SECRET environment variable, never from a flag.
  --data-dir <dir>     Where settings, the Activity log and the trash are kept.
  -h, --help           Show this help.
`;

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: 'string', multiple: true },
      port: { type: 'string' },
      host: { type: 'string' },
      polling: { type: 'boolean' },
      'push-url': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${values.port}".`);
  }
  const dirs = [...new Set((values.dir ?? []).filter((d) => d !== '').map((d) => resolve(d)))];
  return {
    dir: dirs[0] ?? null,
    dirs,
    port,
    host: values.host ?? '127.0.0.1',
    polling: values.polling ?? false,
    pushUrl: values['push-url'] ?? null,
    dataDir: resolve(values['data-dir'] ?? env.MSM_DATA_DIR ?? browserModeDataDir(env)),
    staticDir: resolve(env.MSM_RENDERER_DIR ?? join(REPO_ROOT, 'out', 'renderer')),
    help: values.help ?? false,
  };
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function main(argv: string[]): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseCli(argv);
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nRun with --help to see the options.`, {
      cause: err,
    });
  }
  if (opts.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!LOOPBACK.has(opts.host)) {
    console.error(
      `Warning: listening on ${opts.host}, not only on this machine. Anyone who can reach it and has the ` +
        'address (with its token) can change sessions. Prefer the default and an SSH tunnel.',
    );
  }
  await mkdir(opts.dataDir, { recursive: true });
  const version = packageVersion();
  const { push, warning, store } = await createBrowserPushService({
    dataDir: opts.dataDir,
    pushUrl: opts.pushUrl,
    env: process.env,
    version,
  });
  if (warning) console.error(warning);
  const workspace = new WorkspaceSet({
    platform: 'browser',
    version,
    dataDir: opts.dataDir,
    watchMode: opts.polling ? 'polling' : undefined, // else each folder's choice, Auto by default
    watchPreferences: settingsWatchPreferences(store),
    push,
  });
  const failures = opts.dirs.length > 0 ? await openFolders(workspace, opts.dirs) : await openDemoOnly(workspace);
  if (failures.length === Math.max(1, opts.dirs.length)) {
    for (const f of failures) console.error(f);
    await workspace.close();
    process.exitCode = 2;
    return;
  }
  // Some shares failed: they are listed with their error, the others are served.
  for (const f of failures) console.error(`${f} It is listed with its error; the other folders are served.`);
  const server = await startServer({ api: workspace, staticDir: opts.staticDir, host: opts.host, port: opts.port });
  console.log(server.url);

  const shutdown = () => {
    void Promise.allSettled([server.close(), workspace.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** Opens every folder (the first one ends up active); returns a sentence per folder that failed. */
async function openFolders(set: WorkspaceSet, dirs: string[]): Promise<string[]> {
  const failures: string[] = [];
  for (const dir of dirs) {
    try {
      const state = await set.add(dir);
      if (state.phase === 'error') failures.push(`Cannot open ${dir}: ${state.error ?? 'unknown error'}`);
    } catch (err) {
      failures.push(`Cannot open ${dir}: ${toErrorInfo(err).message}`);
    }
  }
  const folders = await set.listFolders();
  const shown = folders.find((f) => f.phase !== 'error'); // the first folder that opened
  if (shown) await set.switchFolder(shown.id);
  return failures;
}

async function openDemoOnly(set: WorkspaceSet): Promise<string[]> {
  const state = await set.openDemo();
  return state.phase === 'error' ? [`Cannot open the demo folder: ${state.error ?? 'unknown error'}`] : [];
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}

// The command line's dispatcher: parses arguments with node:util parseArgs (strict:
// an unknown option is a usage error), runs one command, maps every outcome to an
// exit code. Never throws; never calls process.exit (main.ts does).

import { parseArgs } from 'node:util';
import pkg from '../../package.json';
import { CliError, EXIT, type ExitCode } from './cli-error';
import type { CliIo } from './context';
import { CHECK_HELP, checkCommand } from './commands/check';
import { DELETE_HELP, deleteCommand } from './commands/delete';
import { LIST_HELP, listCommand } from './commands/list';
import { LOG_HELP, logCommand } from './commands/log';
import { PUSH_HELP, pushCommand } from './commands/push';
import { ACCEPT_HELP, HOLD_HELP, statusCommand } from './commands/status';
import { COMMON_OPTIONS, FILTER_OPTIONS, type OptionSpec, type OptionValues } from './options';
import { terminalSafeIo } from './terminal-safe';

export const VERSION: string = pkg.version;

const CHANGE_OPTIONS: OptionSpec = {
  ...COMMON_OPTIONS,
  ...FILTER_OPTIONS,
  'all-matching': { type: 'boolean' },
  json: { type: 'boolean' },
};

interface Command {
  help: string;
  options: OptionSpec;
  run(io: CliIo, values: OptionValues, positionals: string[], now: number): Promise<ExitCode>;
}

const COMMANDS: Record<string, Command> = {
  list: {
    help: LIST_HELP,
    options: {
      ...COMMON_OPTIONS,
      ...FILTER_OPTIONS,
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
      sort: { type: 'string' },
      asc: { type: 'boolean' },
      desc: { type: 'boolean' },
    },
    run: listCommand,
  },
  accept: {
    help: ACCEPT_HELP,
    options: { ...CHANGE_OPTIONS, 'all-pending': { type: 'boolean' } },
    run: (io, v, p, now) => statusCommand(io, v, p, 'accepted', now),
  },
  hold: { help: HOLD_HELP, options: CHANGE_OPTIONS, run: (io, v, p, now) => statusCommand(io, v, p, 'pending', now) },
  delete: {
    help: DELETE_HELP,
    options: { ...CHANGE_OPTIONS, yes: { type: 'boolean', short: 'y' } },
    run: deleteCommand,
  },
  push: {
    help: PUSH_HELP,
    options: {
      ...COMMON_OPTIONS,
      'push-url': { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
    run: (io, v, p) => pushCommand(io, v, p, VERSION),
  },
  log: {
    help: LOG_HELP,
    options: {
      ...COMMON_OPTIONS,
      since: { type: 'string' },
      action: { type: 'string', multiple: true },
      unpushed: { type: 'boolean' },
      limit: { type: 'string' },
      'all-folders': { type: 'boolean' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
    },
    run: logCommand,
  },
  check: {
    help: CHECK_HELP,
    options: { ...COMMON_OPTIONS, app: FILTER_OPTIONS.app!, '4d': { type: 'string' }, json: { type: 'boolean' } },
    run: (io, v, p) => checkCommand(io, v, p),
  },
};

export const MAIN_HELP = `mobile-sessions ${VERSION} — manage the device sessions of a 4D Server's MobileApps folder

Usage: mobile-sessions <command> [options]

Commands:
  list      list sessions (table, --json or --csv), with filters
  accept    set sessions to "accepted"
  hold      set sessions to "pending"
  delete    move sessions to the trash (outside MobileApps)
  push      ask the 4D Server to reload its sessions (PUSH_SECRET in the environment)
  check     what the server would drop (exit 3 if anything), and advice
  log       the audit log of every change (table, --json or --csv)

Sessions are named <app folder>/<session id>, as "list" prints them.
Run "mobile-sessions <command> --help" for a command's options.

Folder:    --dir <folder>, else $MSM_DIR, else the current folder (a MobileApps
           folder, or a 4D data folder that contains one).
Data dir:  --data-dir <folder>, else $MSM_DATA_DIR, else the desktop app's folder;
           holds the audit log (audit/audit.jsonl) and the trash. Every change is logged.

Exit codes: 0 ok · 1 failure · 2 bad usage (nothing changed) · 3 check found issues · 4 partly failed`;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function runCli(argv: readonly string[], rawIo: CliIo, now: number = Date.now()): Promise<ExitCode> {
  // Every line printed, errors included, goes through the terminal-safe wrapper.
  let io = terminalSafeIo(rawIo, false);
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const command = topic !== undefined ? COMMANDS[topic] : undefined;
    if (topic !== undefined && !command) return usage(io, `Unknown command "${topic}".`);
    // No command at all is a usage error (exit 2, help on stderr); asking for help is not.
    if (first === undefined) {
      io.err(`${MAIN_HELP}\n`);
      return EXIT.usage;
    }
    io.out(`${command ? command.help : MAIN_HELP}\n`);
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v' || first === '-V') {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) return usage(io, `Unknown command "${first}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);

  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...rest],
      options: command.options,
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (err) {
    return usage(io, `${first}: ${errorText(err).replace(/\. To specify a positional argument.*$/s, '.')}`, first);
  }
  if (parsed.values.help === true) {
    io.out(`${command.help}\n`);
    return EXIT.ok;
  }
  if (parsed.values.json === true) io = terminalSafeIo(rawIo, true);
  try {
    return await command.run(io, parsed.values, parsed.positionals, now);
  } catch (err) {
    if (err instanceof CliError) {
      if (err.exitCode === EXIT.usage) return usage(io, err.message, first);
      io.err(`mobile-sessions: error: ${err.message}\n`);
      return err.exitCode;
    }
    io.err(`mobile-sessions: error: ${errorText(err)}\n`);
    return EXIT.failure;
  }
}

function usage(io: CliIo, message: string, command?: string): ExitCode {
  const hint = command ? `mobile-sessions ${command} --help` : 'mobile-sessions --help';
  io.err(`mobile-sessions: ${message}\nSee "${hint}".\n`);
  return EXIT.usage;
}

// `log`: the audit log, newest first, for the folder (or every folder), as a
// table, JSON or CSV.

import {
  AUDIT_ACTIONS,
  auditToCsv,
  type AuditAction,
  type AuditEntry,
  type AuditQuery,
  type AuditValue,
} from '../../../shared/audit';
import { readAuditLog } from '../../engine/audit/audit-log';
import { EXIT, usageError, type ExitCode } from '../cli-error';
import { dataDirFrom, openRoot, plural, type CliIo } from '../context';
import type { OptionValues } from '../options';
import { formatTable } from '../table';

export const LOG_HELP = `Usage: mobile-sessions log [options]

Shows the audit log (every change the app and the CLI made), newest first.

  --since <when>         an ISO date/time, or a number of days ("7d")
  --action <a>           ${AUDIT_ACTIONS.join(' | ')} (repeatable)
  --unpushed             only changes the server has not reloaded yet
  --limit <n>            at most n entries (default 50 for the table, all for --json/--csv)
  --all-folders          entries of every folder, not only --dir's
  --json | --csv         machine-readable output
  --dir, -d <folder>     MobileApps folder or 4D data folder
  --data-dir <folder>    data directory holding audit/ (default: $MSM_DATA_DIR or the app's)`;

function parseSince(raw: string, now: number): number {
  const days = /^(\d+(?:\.\d+)?)d$/.exec(raw.trim());
  if (days) return now - Number(days[1]) * 86_400_000;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms))
    throw usageError(`--since must be an ISO date/time or a number of days like "7d" (got "${raw}").`);
  return ms;
}

function valueText(v: AuditValue | undefined): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v || '""' : JSON.stringify(v);
}

function what(e: AuditEntry): string {
  if (e.action === 'push') return `${e.outcome ?? ''}${e.message ? `: ${e.message}` : ''}`;
  const first = e.sessions[0];
  if (e.sessions.length !== 1 || !first) return plural(e.sessions.length, 'session');
  const change = e.action === 'delete' ? '' : `  ${valueText(first.before)} → ${valueText(first.after)}`;
  return `${first.app}/${first.id}${change}`;
}

export async function logCommand(
  io: CliIo,
  values: OptionValues,
  positionals: string[],
  now: number,
): Promise<ExitCode> {
  if (positionals.length > 0) throw usageError(`log takes no arguments (got "${positionals[0]}").`);
  if (values.json === true && values.csv === true) throw usageError('--json and --csv cannot be combined.');
  const query: AuditQuery = {};
  if (typeof values.since === 'string') query.since = parseSince(values.since, now);
  const actions = Array.isArray(values.action) ? values.action.filter((a): a is string => typeof a === 'string') : [];
  for (const a of actions) {
    if (!AUDIT_ACTIONS.includes(a as AuditAction))
      throw usageError(`--action must be one of ${AUDIT_ACTIONS.join(', ')} (got "${a}").`);
  }
  if (actions.length > 0) query.action = actions as AuditAction[];
  if (values.unpushed === true) query.pushed = false;
  const machine = values.json === true || values.csv === true;
  if (typeof values.limit === 'string') {
    const n = Number(values.limit);
    if (!Number.isInteger(n) || n < 1)
      throw usageError(`--limit must be a whole number, 1 or more (got "${values.limit}").`);
    query.limit = n;
  } else if (!machine) query.limit = 50;
  if (values['all-folders'] !== true) query.folder = await openRoot(io, values);

  const { entries, skipped } = await readAuditLog(dataDirFrom(io, values), query);
  if (skipped > 0) io.err(`warning: ${plural(skipped, 'damaged line')} in the audit log skipped.\n`);
  if (values.json === true) io.out(`${JSON.stringify(entries, null, 2)}\n`);
  else if (values.csv === true) io.out(auditToCsv(entries));
  else if (entries.length === 0) io.err('No audit entries match.\n');
  else {
    io.out(
      formatTable(
        [
          { header: 'TIME' },
          { header: 'USER' },
          { header: 'ACTION' },
          { header: 'PUSHED' },
          { header: 'WHAT', max: 100 },
        ],
        entries.map((e) => [e.time, e.user, e.action, e.action === 'push' ? '' : e.pushed ? 'yes' : 'no', what(e)]),
      ),
    );
  }
  return EXIT.ok;
}

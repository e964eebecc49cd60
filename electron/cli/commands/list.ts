// `list`: the sessions of a folder as an aligned table, JSON or CSV, filtered and
// sorted with the same rules as the app's table.

import { EXPORT_COLUMNS, toCsv, toJson } from '../../../shared/export-format';
import { compareRecords, filterRecords } from '../../../shared/session-filter';
import type { SessionRecord } from '../../../shared/types';
import { EXIT, usageError, type ExitCode } from '../cli-error';
import { openRoot, plural, type CliIo } from '../context';
import { readFolder } from '../folder-read';
import { FILTER_HELP, apps, filterFrom, sortFrom, type OptionValues } from '../options';
import { formatAge, formatTable } from '../table';

export const LIST_HELP = `Usage: mobile-sessions list [options]

Lists the sessions of a MobileApps folder, newest change first.

${FILTER_HELP}

Output:
  --json                 a JSON array (every column, typed)
  --csv                  CSV (RFC 4180, formula-safe)
  --sort <column>        device | os | email | language | ip | status | changed
  --asc / --desc         sort direction (default: changed newest first, others A→Z)
  --dir, -d <folder>     MobileApps folder or 4D data folder (default: $MSM_DIR or the current folder)`;

export async function listCommand(
  io: CliIo,
  values: OptionValues,
  positionals: string[],
  now: number,
): Promise<ExitCode> {
  if (positionals.length > 0)
    throw usageError(`list takes no arguments (got "${positionals[0]}"); use --app or --search.`);
  if (values.json === true && values.csv === true) throw usageError('--json and --csv cannot be combined.');
  const filter = filterFrom(values);
  const sort = sortFrom(values);
  const root = await openRoot(io, values);
  const contents = readFolder(root, apps(values));
  const rows = filterRecords(contents.records, filter, now).sort((a, b) =>
    compareRecords(a, b, sort.column, sort.direction),
  );

  if (values.json === true) io.out(toJson(rows));
  else if (values.csv === true) io.out(toCsv(rows, EXPORT_COLUMNS));
  else io.out(rows.length > 0 ? table(rows, now) : '');

  for (const e of contents.errors) io.err(`warning: app folder ${e.app} could not be read: ${e.message}\n`);
  if (values.json !== true && values.csv !== true) {
    const problems = contents.problems.length;
    const note = problems > 0 ? `; ${plural(problems, 'unreadable file')} (run "check")` : '';
    io.err(`${plural(rows.length, 'session')} of ${contents.records.length} in ${root}${note}\n`);
  }
  return EXIT.ok;
}

function table(rows: readonly SessionRecord[], now: number): string {
  return formatTable(
    [
      { header: 'SESSION' },
      { header: 'STATUS' },
      { header: 'DEVICE', max: 28 },
      { header: 'OS', max: 24 },
      { header: 'EMAIL', max: 32 },
      { header: 'LANGUAGE' },
      { header: 'IP' },
      { header: 'CHANGED', align: 'right' },
      { header: 'WARNINGS' },
    ],
    rows.map((r) => [
      `${r.app}/${r.id}`,
      r.status ?? 'invalid',
      `${r.deviceDescription}${r.simulator ? ' (sim)' : ''}`,
      [r.os, r.osVersion].filter(Boolean).join(' '),
      r.email,
      r.language,
      r.ip,
      formatAge(r.mtimeMs, now),
      r.warnings.map((w) => w.code).join(','),
    ]),
  );
}

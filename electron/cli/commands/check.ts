// `check`: what the 4D Server's MOBILE APP REFRESH SESSIONS would drop — sessions
// whose location, schema or token do not match, and files it cannot read at all.

import type { PreflightReport } from '../../../shared/types';
import { EXIT, usageError, type ExitCode } from '../cli-error';
import { openRoot, plural, type CliIo } from '../context';
import { readFolder } from '../folder-read';
import { apps, type OptionValues } from '../options';
import { printable } from '../table';

export const CHECK_HELP = `Usage: mobile-sessions check [options]

Checks every session the way the 4D Server will when it reloads them: the folder
name against team.id + application.id, the file name against session.id, the
token against both, the fields the server needs; and lists files that cannot be
read or parsed. Exit code 3 when the server would drop something.

  --app, -a <folder>     only this app folder (repeatable)
  --json                 the report as JSON: {checked, issues, problems}
  --dir, -d <folder>     MobileApps folder or 4D data folder`;

export async function checkCommand(io: CliIo, values: OptionValues, positionals: string[]): Promise<ExitCode> {
  if (positionals.length > 0) throw usageError(`check takes no arguments (got "${positionals[0]}"); use --app.`);
  const root = await openRoot(io, values);
  const contents = readFolder(root, apps(values));
  const report: PreflightReport = {
    checked: contents.records.length,
    issues: contents.records
      .filter((r) => r.warnings.length > 0)
      .map((r) => ({ ref: { app: r.app, id: r.id }, warnings: r.warnings })),
    problems: contents.problems,
  };
  for (const e of contents.errors) io.err(`warning: app folder ${e.app} could not be read: ${e.message}\n`);

  if (values.json === true) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const issue of report.issues) {
      io.out(`${issue.ref.app}/${issue.ref.id}\n`);
      for (const w of issue.warnings) io.out(`  ${w.code}: ${printable(w.message)}\n`);
    }
    for (const p of report.problems) {
      io.out(`${p.app}/${p.file}\n  ${p.code}: ${printable(p.reason)}\n`);
    }
    const bad = report.issues.length + report.problems.length;
    io.out(
      bad === 0
        ? `OK: ${plural(report.checked, 'session')} checked in ${root}; the server would keep them all.\n`
        : `${plural(report.checked, 'session')} checked in ${root}: ${plural(report.issues.length, 'session')} with issues, ${plural(report.problems.length, 'unreadable file')}.\n`,
    );
  }
  return report.issues.length + report.problems.length > 0 ? EXIT.issues : EXIT.ok;
}

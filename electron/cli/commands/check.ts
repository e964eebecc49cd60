// `check`: what the 4D Server's MOBILE APP REFRESH SESSIONS would drop — sessions
// whose location, schema or token do not match (4D's documented errors 1, 3 and 4),
// and files it cannot read at all (error 2) — plus this app's advice, which never
// changes the exit code. See shared/session-warnings.ts for which is which.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropsSession } from '../../../shared/session-warnings';
import type { CheckRules, PreflightReport, SessionRecord, SessionWarning } from '../../../shared/types';
import { resolveSessionRules, type SessionRules } from '../../engine/checks/session-rules';
import { settingsFile } from '../../engine/paths';
import { MAX_SESSION_BYTES } from '../../engine/session/session-file';
import { readRegularFileSync } from '../../engine/session/regular-file';
import { EXIT, usageError, type ExitCode } from '../cli-error';
import { dataDirFrom, openRoot, plural, type CliIo } from '../context';
import { readFolder } from '../folder-read';
import { overwrittenOnDisk } from '../../engine/actions/overwritten-actions';
import { UnpushedStore } from '../../engine/push/unpushed-store';
import { apps, type OptionValues } from '../options';
import { printable } from '../table';

export const CHECK_HELP = `Usage: mobile-sessions check [options]

Checks every session the way the 4D Server will when it reloads them (4D's
documented errors): the folder name against team.id + application.id, the file
name against session.id, the token against both, 4D's JSON schema; and lists
files that cannot be read or parsed. With a 4D or 4D Server installation in its
usual place (or --4d, or the path set in the desktop app), 4D's own schema
(mobileSessionSchema.json) is used; otherwise the built-in rules.
Advice (an odd e-mail, an unknown status, a missing optional field) is listed
but is not an error. Exit code 3 only when the server would drop something,
or a change not pushed yet was overwritten by another program (listed by id).

  --app, -a <folder>     only this app folder (repeatable)
  --4d <path>            a 4D / 4D Server installation, or its mobileSessionSchema.json
  --json                 the report as JSON: {checked, issues, problems, rules}
  --dir, -d <folder>     MobileApps folder or 4D data folder`;

export async function checkCommand(io: CliIo, values: OptionValues, positionals: string[]): Promise<ExitCode> {
  if (positionals.length > 0) throw usageError(`check takes no arguments (got "${positionals[0]}"); use --app.`);
  const root = await openRoot(io, values);
  const rules = rulesFor(io, values);
  if (rules.info.source === 'built-in' && rules.info.note)
    io.err(`warning: ${rules.info.note} Using the built-in rules.\n`);
  const contents = readFolder(root, apps(values));
  const issues: PreflightReport['issues'] = [];
  for (const r of contents.records) {
    const warnings = warningsUnder(rules, root, r);
    if (warnings.length > 0) issues.push({ ref: { app: r.app, id: r.id }, warnings });
  }
  const report: PreflightReport = {
    checked: contents.records.length,
    issues,
    problems: contents.problems,
    rules: rules.info,
  };
  // Changes made in this app (or with accept/hold) that another program wrote back before a push.
  report.overwritten = await overwrittenOnDisk(root, new UnpushedStore(dataDirFrom(io, values)));
  for (const e of contents.errors) io.err(`warning: app folder ${e.app} could not be read: ${e.message}\n`);

  const dropped = report.issues.filter((i) => i.warnings.some(dropsSession)).length;
  if (values.json === true) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(io, root, report, dropped);
  for (const c of values.json === true ? [] : report.overwritten) {
    const now = c.now === null ? 'no valid value' : `"${printable(c.now)}"`;
    io.out(
      `${c.ref.app}/${c.ref.id}\n  overwritten: ${c.field} set to "${printable(c.set)}", the file now says ${now}; the server will not see this change\n`,
    );
  }
  return dropped + report.problems.length + report.overwritten.length > 0 ? EXIT.issues : EXIT.ok;
}

function printReport(io: CliIo, root: string, report: PreflightReport, dropped: number): void {
  for (const issue of report.issues) {
    io.out(`${issue.ref.app}/${issue.ref.id}\n`);
    for (const w of issue.warnings)
      io.out(`  ${w.code}${dropsSession(w) ? '' : ' (advice)'}: ${printable(w.message)}\n`);
  }
  for (const p of report.problems) io.out(`${p.app}/${p.file}\n  ${p.code}: ${printable(p.reason)}\n`);
  const advice = report.issues.length - dropped;
  const checked = `${plural(report.checked, 'session')} checked in ${root} with ${rulesText(report.rules)}`;
  if (dropped + report.problems.length === 0) {
    const note = advice > 0 ? ` (${plural(advice, 'session')} with advice only)` : '';
    io.out(`OK: ${checked}; the server would keep them all${note}.\n`);
  } else {
    io.out(
      `${checked}: ${plural(dropped, 'session')} the server would drop, ${plural(advice, 'session')} with advice only, ${plural(report.problems.length, 'unreadable file')}.\n`,
    );
  }
}

export function rulesText(rules: CheckRules): string {
  return rules.source === '4d-schema' ? `4D's schema from ${printable(rules.schemaPath)}` : 'the built-in rules';
}

/** --4d, else the path set in the desktop app's settings, else 4D's usual install places. */
function rulesFor(io: CliIo, values: OptionValues): SessionRules {
  const given = values['4d'];
  if (typeof given === 'string') {
    if (given.trim() === '')
      throw usageError('--4d needs the path of a 4D installation or of its mobileSessionSchema.json.');
    const rules = resolveSessionRules({ installPath: given });
    if (rules.info.source === 'built-in') throw usageError(rules.info.note ?? `No 4D schema found at ${given}.`);
    return rules;
  }
  return resolveSessionRules({ installPath: settingsPath(dataDirFrom(io, values)) });
}

/** Read-only: `check` never creates, repairs or rewrites the settings file. */
function settingsPath(dataDir: string): string {
  try {
    const raw: unknown = JSON.parse(readFileSync(settingsFile(dataDir), 'utf8'));
    const path =
      typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).fourDInstallPath : undefined;
    return typeof path === 'string' ? path : '';
  } catch {
    return '';
  }
}

/**
 * The scan checked with the built-in rules. Under 4D's schema, its schema verdicts
 * ('schema', 'field-advice') give way to 4D's; the rest (location, token, advice) stands.
 */
function warningsUnder(rules: SessionRules, root: string, r: SessionRecord): SessionWarning[] {
  if (rules.info.source === 'built-in') return r.warnings;
  const json = readJson(join(root, r.app, r.id));
  if (!json) return r.warnings; // changed since the scan: the next check sees it
  const builtInSchema = new Set(['schema', 'field-advice']);
  const fromSchema = rules.check(r.app, r.id, json).filter((w) => w.code === 'schema');
  return [...fromSchema, ...r.warnings.filter((w) => !builtInSchema.has(w.code))];
}

function readJson(path: string): Record<string, unknown> | null {
  try {
    // The one safe read (never a link, never a FIFO): the file may have changed since the scan.
    const text = readRegularFileSync(path, { maxBytes: MAX_SESSION_BYTES }).bytes.toString('utf8');
    const v: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

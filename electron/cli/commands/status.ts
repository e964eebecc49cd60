// `accept` and `hold`: set sessions' status to "accepted" or "pending" through the
// engine's edit (atomic, byte-preserving, applied to the newest content), and
// record the whole command as one audit entry.

import { randomUUID } from 'node:crypto';
import type { AuditSessionChange } from '../../../shared/audit';
import type { SessionRef, SessionStatus } from '../../../shared/types';
import { AuditLog } from '../../engine/audit-log';
import { editSessionFile } from '../../engine/session-edit';
import { CliError, EXIT, type ExitCode } from '../cli-error';
import { dataDirFrom, openRoot, plural, requireOutside, type CliIo } from '../context';
import { FILTER_HELP, type OptionValues } from '../options';
import { exitFor, runMany } from '../run-many';
import { selectSessions } from '../select';

const VERB: Record<SessionStatus, { command: string; past: string }> = {
  accepted: { command: 'accept', past: 'accepted' },
  pending: { command: 'hold', past: 'held' },
};

export const ACCEPT_HELP = `Usage: mobile-sessions accept <app>/<id>... [options]
       mobile-sessions accept --app <folder> --all-pending
       mobile-sessions accept <filters> --all-matching

Sets sessions to "accepted" (the device may use the app once the server reloads
its sessions: run "push" afterwards). Only the status field changes.

  --all-pending          every pending session of the --app folder(s)
  --all-matching         every session matching the filters below
  --json                 print {actionId, done, unchanged, failed} as JSON
  --dir, -d <folder>     MobileApps folder or 4D data folder

${FILTER_HELP}`;

export const HOLD_HELP = `Usage: mobile-sessions hold <app>/<id>... [options]
       mobile-sessions hold <filters> --all-matching

Sets sessions back to "pending" (the device cannot reach data after the server
reloads its sessions). Only the status field changes.

  --all-matching         every session matching the filters below
  --json                 print {actionId, done, unchanged, failed} as JSON
  --dir, -d <folder>     MobileApps folder or 4D data folder

${FILTER_HELP}`;

function statusOf(bytes: Buffer): string | null {
  try {
    const json: unknown = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    const s = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).status : undefined;
    return typeof s === 'string' ? s : null;
  } catch {
    return null;
  }
}

export async function statusCommand(
  io: CliIo,
  values: OptionValues,
  positionals: string[],
  status: SessionStatus,
  now: number,
): Promise<ExitCode> {
  const { command, past } = VERB[status];
  const root = await openRoot(io, values);
  const dataDir = dataDirFrom(io, values);
  requireOutside(root, dataDir);
  const selection = await selectSessions(root, values, positionals, {
    command,
    now,
    ...(status === 'accepted' ? { impliedBy: 'all-pending', implied: { status: 'pending' as const } } : {}),
  });
  if (selection.refs.length === 0) {
    io.err('No sessions match; nothing was changed.\n');
    if (values.json === true) io.out(`${JSON.stringify({ actionId: null, done: [], unchanged: [], failed: [] })}\n`);
    return EXIT.ok;
  }

  const outcomes = await runMany(selection.refs, async (ref) => {
    const r = await editSessionFile(root, ref, { status });
    return { before: statusOf(r.before), changed: !r.before.equals(r.after) };
  });

  const changes: AuditSessionChange[] = [];
  const done: SessionRef[] = [];
  const unchanged: SessionRef[] = [];
  for (const o of outcomes) {
    if (!o.ok) continue;
    if (o.value.changed) {
      done.push(o.ref);
      changes.push({ app: o.ref.app, id: o.ref.id, before: o.value.before, after: status });
    } else unchanged.push(o.ref);
  }
  const actionId = changes.length > 0 ? randomUUID() : null;
  let auditError: string | null = null;
  if (actionId !== null) {
    try {
      await new AuditLog(dataDir, { source: 'cli' }).append({ folder: root, action: 'set-status', sessions: changes, actionId });
    } catch (err) {
      auditError = err instanceof Error ? err.message : String(err);
    }
  }

  const failed = outcomes.flatMap((o) => (o.ok ? [] : [{ ref: o.ref, error: o.error }]));
  if (values.json === true) {
    io.out(`${JSON.stringify({ actionId, done, unchanged, failed }, null, 2)}\n`);
  } else {
    for (const ref of done) io.out(`${past}  ${ref.app}/${ref.id}\n`);
    for (const ref of unchanged) io.out(`already ${status}  ${ref.app}/${ref.id}\n`);
    const summary = `${capital(past)} ${plural(done.length, 'session')}${unchanged.length ? ` (${unchanged.length} already ${status})` : ''}${failed.length ? `, ${failed.length} failed` : ''}.`;
    io.err(`${summary}${done.length > 0 ? ' Run "mobile-sessions push" so the 4D Server reloads them.' : ''}\n`);
  }
  for (const f of failed) io.err(`error: ${f.ref.app}/${f.ref.id}: ${f.error.message}\n`);
  if (auditError !== null) {
    throw new CliError(EXIT.failure, `The sessions were changed, but the audit log could not be written: ${auditError}`);
  }
  return exitFor(outcomes);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// `accept` and `hold`: set sessions' status to "accepted" or "pending" through the
// engine's action pipeline (atomic, byte-preserving, applied to the newest
// content): one audit entry and one unpushed change for the whole command.

import type { SessionStatus } from '../../../shared/types';
import { EXIT, type ExitCode } from '../cli-error';
import { dataDirFrom, openRoot, plural, requireOutside, type CliIo } from '../context';
import { FILTER_HELP, type OptionValues } from '../options';
import { selectSessions } from '../select';
import { cliPipeline, exitFor } from '../session-pipeline';

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

  const pipeline = await cliPipeline(root, dataDir);
  const result = await pipeline.actions.setStatus(selection.refs, status);
  const unchangedKeys = new Set(result.unchanged.map((r) => `${r.app}/${r.id}`));
  const done = result.done.filter((r) => !unchangedKeys.has(`${r.app}/${r.id}`));
  const unchanged = result.unchanged;
  const actionId = done.length > 0 ? result.actionId : null;

  const { failed } = result;
  if (values.json === true) {
    io.out(`${JSON.stringify({ actionId, done, unchanged, failed }, null, 2)}\n`);
  } else {
    for (const ref of done) io.out(`${past}  ${ref.app}/${ref.id}\n`);
    for (const ref of unchanged) io.out(`already ${status}  ${ref.app}/${ref.id}\n`);
    const summary = `${capital(past)} ${plural(done.length, 'session')}${unchanged.length ? ` (${unchanged.length} already ${status})` : ''}${failed.length ? `, ${failed.length} failed` : ''}.`;
    io.err(`${summary}${done.length > 0 ? ' Run "mobile-sessions push" so the 4D Server reloads them.' : ''}\n`);
  }
  for (const f of failed) io.err(`error: ${f.ref.app}/${f.ref.id}: ${f.error.message}\n`);
  await pipeline.recorded('changed');
  return exitFor(result);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

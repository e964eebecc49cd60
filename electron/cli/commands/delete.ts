// `delete`: moves sessions to a trash folder in the data directory (never inside
// MobileApps), so a mistake can be undone by moving the file back. Refuses to run
// unattended without --yes, and says exactly what it will delete before it does.

import type { SessionRef } from '../../../shared/types';
import { dailyTrashFolder, trashDir } from '../../engine/paths';
import { EXIT, usageError, type ExitCode } from '../cli-error';
import { dataDirFrom, openRoot, plural, requireOutside, type CliIo } from '../context';
import { FILTER_HELP, type OptionValues } from '../options';
import { selectSessions } from '../select';
import { cliPipeline, exitFor } from '../session-pipeline';

/** Files moved to the trash at once (gentler on a share than the app's 8: a command may delete thousands). */
const DELETE_CONCURRENCY = 4;

export const DELETE_HELP = `Usage: mobile-sessions delete <app>/<id>... [--yes] [options]
       mobile-sessions delete <filters> --all-matching [--yes]

Moves sessions to the trash folder in the data directory (<data dir>/Trash/<date>/<app>/),
never inside MobileApps; move a file back to restore it. The device must sign in
again (and may need approval) once the server reloads its sessions.
Example, clean up stale sessions: delete --older-than 90 --all-matching --yes

  --yes, -y              do not ask (required when stdin is not a terminal)
  --all-matching         every session matching the filters below
  --json                 print {actionId, trash, done, failed} as JSON
  --dir, -d <folder>     MobileApps folder or 4D data folder
  --data-dir <folder>    data directory (default: $MSM_DATA_DIR or the app's)

${FILTER_HELP}`;

/** "2 of app A, 1 of app B" */
function describeByApp(refs: readonly SessionRef[]): string {
  const byApp = new Map<string, number>();
  for (const r of refs) byApp.set(r.app, (byApp.get(r.app) ?? 0) + 1);
  return [...byApp].map(([app, n]) => `${n} of ${app}`).join(', ');
}

export async function deleteCommand(
  io: CliIo,
  values: OptionValues,
  positionals: string[],
  now: number,
): Promise<ExitCode> {
  const root = await openRoot(io, values);
  const dataDir = dataDirFrom(io, values);
  requireOutside(root, dataDir);
  const selection = await selectSessions(root, values, positionals, { command: 'delete', now });
  if (selection.refs.length === 0) {
    io.err('No sessions match; nothing was deleted.\n');
    if (values.json === true) io.out(`${JSON.stringify({ actionId: null, trash: null, done: [], failed: [] })}\n`);
    return EXIT.ok;
  }
  const what = `${plural(selection.refs.length, 'session')} (${describeByApp(selection.refs)})`;
  if (values.yes !== true) {
    if (!io.interactive) {
      throw usageError(`Refusing to delete ${what} without --yes: stdin is not a terminal. Nothing was deleted.`);
    }
    if (!(await io.confirm(`Delete ${what} from ${root}? [y/N] `))) {
      io.err('Nothing was deleted.\n');
      return EXIT.ok;
    }
  }

  const trash = trashDir(dataDir);
  const pipeline = await cliPipeline(root, dataDir, DELETE_CONCURRENCY);
  const result = await pipeline.actions.deleteSessions(selection.refs);
  const { actionId, done, failed } = result;
  if (values.json === true) {
    io.out(`${JSON.stringify({ actionId, trash, done, failed }, null, 2)}\n`);
  } else {
    for (const ref of done) io.out(`deleted  ${ref.app}/${ref.id}\n`);
    // folderTrash files them under <trash>/<local date>/<app folder>/.
    for (const app of new Set(done.map((r) => r.app))) {
      const n = done.filter((r) => r.app === app).length;
      io.err(`Moved ${plural(n, 'session')} to ${dailyTrashFolder(trash, app)}\n`);
    }
  }
  for (const f of failed) io.err(`error: ${f.ref.app}/${f.ref.id}: ${f.error.message}\n`);
  await pipeline.recorded('deleted');
  return exitFor(result);
}

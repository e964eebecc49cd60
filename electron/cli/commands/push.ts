// `push`: asks the 4D Server to reload its sessions (MOBILE APP REFRESH SESSIONS),
// with the same push service as the app. The URL comes from --push-url or from the
// desktop app's settings for this folder; the secret only from PUSH_SECRET (never a
// command-line argument: other users can read those in the process list).

import { createPushService, fixedPushConfig } from '../../engine/push';
import { FolderPush } from '../../engine/push/folder-push';
import { readSessionDetail } from '../../engine/session/session-detail';
import { SettingsStore } from '../../engine/settings/settings-store';
import { EXIT, usageError, type ExitCode } from '../cli-error';
import { dataDirFrom, openRoot, requireOutside, type CliIo } from '../context';
import type { OptionValues } from '../options';
import { cliPipeline } from '../session-pipeline';
import { printable } from '../table';

export const PUSH_HELP = `Usage: PUSH_SECRET=<secret> mobile-sessions push [--push-url <url>] [options]

Asks the 4D Server to reload its sessions, so accepted, held and deleted sessions
take effect. The URL is --push-url, or the one saved for this folder in the
desktop app; the secret is read from the PUSH_SECRET environment variable only.

  --push-url <url>       http(s) URL of the 4D method (4DACTION or REST)
  --timeout <ms>         give up after this many milliseconds (default 10000)
  --json                 print the result as JSON
  --dir, -d <folder>     MobileApps folder or 4D data folder

Like Push in the app, it clears the folder's unpushed changes when the server
reloads, and reports the changes another program overwrote in the files before
the push (the server cannot see them; they stay unpushed).

Exit codes: 0 pushed; 2 not configured (no URL or no secret); 1 the server failed
or some changes were overwritten (incomplete).`;

export async function pushCommand(
  io: CliIo,
  values: OptionValues,
  positionals: string[],
  version: string,
): Promise<ExitCode> {
  if (positionals.length > 0) throw usageError(`push takes no arguments (got "${positionals[0]}").`);
  const pushUrl = typeof values['push-url'] === 'string' ? values['push-url'] : undefined;
  let fixed;
  try {
    fixed = fixedPushConfig(pushUrl, io.env);
  } catch (err) {
    throw usageError(err instanceof Error ? err.message : String(err));
  }
  if (typeof values.timeout === 'string') {
    const ms = Number(values.timeout);
    if (!Number.isInteger(ms) || ms < 500 || ms > 120_000) {
      throw usageError(
        `--timeout must be a whole number of milliseconds from 500 to 120000 (got "${values.timeout}").`,
      );
    }
    fixed.timeoutMs = ms;
  }
  const root = await openRoot(io, values);
  const dataDir = dataDirFrom(io, values);
  requireOutside(root, dataDir);

  const { store, warning } = await SettingsStore.open(dataDir);
  if (warning) io.err(`warning: ${warning}\n`);
  const service = createPushService({
    settings: store,
    secrets: null,
    fixed,
    userAgent: `MobileSessionManager-CLI/${version}`,
  });
  // The same FolderPush as the app: overwritten changes make the push 'incomplete',
  // a success clears the unpushed changes the app counts, and the audit log records it.
  const pipeline = await cliPipeline(root, dataDir);
  const folderPush = new FolderPush({
    service,
    recorder: pipeline.recorder,
    readSession: (ref) => readSessionDetail(root, ref),
    problems: () => [],
    isOpen: () => true,
    onUnpushedChange: () => undefined,
  });
  let result;
  try {
    result = await folderPush.push(root);
  } finally {
    folderPush.close(); // the re-read a few seconds later is the app's; a command exits now
  }
  await pipeline.recorded(`pushed (${result.outcome})`);

  if (values.json === true) io.out(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.outcome === 'success') io.out(`Pushed: ${printable(result.message)} (${result.durationMs} ms)\n`);
  if (result.outcome === 'success') return EXIT.ok;
  const detail = result.bodyExcerpt ? `\nServer said: ${printable(result.bodyExcerpt)}` : '';
  const message = `Push ${result.outcome}: ${printable(result.message)}${detail}`;
  if (values.json !== true) io.err(`${message}\n`);
  return result.outcome === 'not-configured' ? EXIT.usage : EXIT.failure;
}

// `push`: asks the 4D Server to reload its sessions (MOBILE APP REFRESH SESSIONS),
// with the same push service as the app. The URL comes from --push-url or from the
// desktop app's settings for this folder; the secret only from PUSH_SECRET (never a
// command-line argument: other users can read those in the process list).

import type { PushResult } from '../../../shared/types';
import { AuditLog } from '../../engine/audit/audit-log';
import { createPushService, fixedPushConfig } from '../../engine/push';
import { SettingsStore } from '../../engine/settings/settings-store';
import { CliError, EXIT, usageError, type ExitCode } from '../cli-error';
import { dataDirFrom, openRoot, requireOutside, type CliIo } from '../context';
import type { OptionValues } from '../options';
import { printable } from '../table';

export const PUSH_HELP = `Usage: PUSH_SECRET=<secret> mobile-sessions push [--push-url <url>] [options]

Asks the 4D Server to reload its sessions, so accepted, held and deleted sessions
take effect. The URL is --push-url, or the one saved for this folder in the
desktop app; the secret is read from the PUSH_SECRET environment variable only.

  --push-url <url>       http(s) URL of the 4D method (4DACTION or REST)
  --timeout <ms>         give up after this many milliseconds (default 10000)
  --json                 print the result as JSON
  --dir, -d <folder>     MobileApps folder or 4D data folder

Exit codes: 0 pushed; 2 not configured (no URL or no secret); 1 the server failed.`;

export async function pushCommand(io: CliIo, values: OptionValues, positionals: string[], version: string): Promise<ExitCode> {
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
      throw usageError(`--timeout must be a whole number of milliseconds from 500 to 120000 (got "${values.timeout}").`);
    }
    fixed.timeoutMs = ms;
  }
  const root = await openRoot(io, values);
  const dataDir = dataDirFrom(io, values);
  requireOutside(root, dataDir);

  const { store, warning } = await SettingsStore.open(dataDir);
  if (warning) io.err(`warning: ${warning}\n`);
  const service = createPushService({ settings: store, secrets: null, fixed, userAgent: `MobileSessionManager-CLI/${version}` });
  // Changes made up to the moment the request leaves are the ones the server reloads.
  const sentAt = new Date();
  const result = await service.push(root);
  await record(dataDir, root, result, sentAt);

  if (values.json === true) io.out(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.outcome === 'success') io.out(`Pushed: ${printable(result.message)} (${result.durationMs} ms)\n`);
  if (result.outcome === 'success') return EXIT.ok;
  const detail = result.bodyExcerpt ? `\nServer said: ${printable(result.bodyExcerpt)}` : '';
  const message = `Push ${result.outcome}: ${printable(result.message)}${detail}`;
  if (values.json !== true) io.err(`${message}\n`);
  return result.outcome === 'not-configured' ? EXIT.usage : EXIT.failure;
}

/** Successful pushes mark earlier changes as pushed; failed attempts are logged too. */
async function record(dataDir: string, root: string, result: PushResult, sentAt: Date): Promise<void> {
  if (result.outcome === 'not-configured') return; // nothing was attempted
  const log = new AuditLog(dataDir, { source: 'cli' });
  try {
    if (result.outcome === 'success') await log.markPushed(root, sentAt, { outcome: result.outcome, message: result.message });
    else await log.recordFailedPush(root, result.outcome, result.message);
  } catch (err) {
    throw new CliError(EXIT.failure, `The push finished (${result.outcome}) but the audit log could not be written: ${err instanceof Error ? err.message : String(err)}`);
  }
}

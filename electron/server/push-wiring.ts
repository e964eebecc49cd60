// Browser mode's push service: settings (URL, timeout) per folder in the data dir's
// settings.json, set in the Push settings dialog (or fixed with --push-url). The
// secret comes from the PUSH_SECRET environment variable (never a flag), or is typed
// in the dialog and kept in this server's memory until it stops: never written, since
// there is no OS keychain here (so secrets saved by the desktop app are not read either).

import type { PushService } from '../engine/push/push-service';
import { createPushService, fixedPushConfig } from '../engine/push';
import { SettingsStore } from '../engine/settings/settings-store';

export interface BrowserPushOptions {
  dataDir: string;
  pushUrl: string | null;
  env: Record<string, string | undefined>;
  version: string;
}

/** Throws an Error with a sentence for the terminal when --push-url or PUSH_SECRET is unusable. */
export async function createBrowserPushService(
  opts: BrowserPushOptions,
): Promise<{ push: PushService; warning: string | null; store: SettingsStore }> {
  const fixed = fixedPushConfig(opts.pushUrl ?? undefined, opts.env);
  const { store, warning } = await SettingsStore.open(opts.dataDir);
  const push = createPushService({
    settings: store,
    secrets: null,
    fixed,
    memorySecrets: true,
    userAgent: `MobileSessionManager/${opts.version}`,
  });
  return { push, warning, store };
}

// Browser mode's push service. The push helper's implementation is wired in
// here once it exists; until then the Workspace falls back to its built-in
// "not configured" answer and --push-url / PUSH_SECRET are ignored with a note.

import type { PushService } from '../engine/push-service';

export interface BrowserPushOptions {
  dataDir: string;
  pushUrl: string | null;
  /** From the PUSH_SECRET environment variable only. */
  secret: string | undefined;
}

export function createBrowserPushService(opts: BrowserPushOptions): PushService | null {
  if (opts.pushUrl || opts.secret) {
    console.error('Note: push is not available in this build yet; --push-url and PUSH_SECRET are ignored.');
  }
  return null;
}

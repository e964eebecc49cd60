// The desktop app's push service. The push helper's implementation is wired
// in here once it exists; until then the Workspace answers "not configured".

import type { PushService } from '../engine/push-service';

export function createDesktopPushService(_dataDir: string): PushService | null {
  return null;
}

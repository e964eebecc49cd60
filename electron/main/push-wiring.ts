// The desktop app's push service: per-folder settings in the data dir's
// settings.json, secrets encrypted with the OS keychain (safeStorage).

import { safeStorage } from 'electron';
import type { PushService } from '../engine/push-service';
import { createPushService } from '../engine/push';
import { SettingsStore } from '../engine/settings-store';
import { createSafeStorageCodec } from './secret-codec';

export async function createDesktopPushService(
  dataDir: string,
  version: string,
): Promise<{ push: PushService; warning: string | null }> {
  const { store, warning } = await SettingsStore.open(dataDir);
  const push = createPushService({
    settings: store,
    secrets: createSafeStorageCodec(safeStorage),
    userAgent: `MobileSessionManager/${version}`,
  });
  return { push, warning };
}

// The desktop app's push service: per-folder settings in the data dir's
// settings.json, secrets encrypted with the OS keychain (safeStorage).

import { safeStorage } from 'electron';
import type { PushService } from '../engine/push/push-service';
import { createPushService } from '../engine/push';
import type { SettingsStore } from '../engine/settings/settings-store';
import { createSafeStorageCodec } from './secret-codec';

export function createDesktopPushService(store: SettingsStore, version: string): PushService {
  return createPushService({
    settings: store,
    secrets: createSafeStorageCodec(safeStorage),
    userAgent: `MobileSessionManager/${version}`,
  });
}

// The seam between the Workspace and whatever reaches the 4D Server. The push
// helper implements this elsewhere (HTTP client + settings storage); the
// Workspace only delegates, so the engine stays free of network and keychain code.

import { ApiError } from '../../../shared/api-error';
import type { PushResult, PushSettingsInput, PushSettingsView } from '../../../shared/types';
import { resolveSessionRules, type SessionRules } from '../checks/session-rules';

export interface PushService {
  /** Asks the server that owns `root` to reload its sessions. */
  push(root: string): Promise<PushResult>;
  /** Sends an authenticated no-op request with the stored settings. */
  testConnection(root: string): Promise<PushResult>;
  getSettings(root: string): Promise<PushSettingsView>;
  setSettings(root: string, input: PushSettingsInput): Promise<PushSettingsView>;
  /** The rules the pre-flight check applies: 4D's schema when a 4D installation is found or set, else built-in. */
  sessionRules(): SessionRules;
}

const NOT_CONFIGURED =
  'Push is not configured: set the server URL and secret in the push settings (see the README, "Push").';

function notConfigured(): PushResult {
  return { outcome: 'not-configured', message: NOT_CONFIGURED, durationMs: 0 };
}

/** Used when the host provides no push service: every call answers "not configured". */
export const noPushService: PushService = {
  push: async () => notConfigured(),
  testConnection: async () => notConfigured(),
  getSettings: async () => ({
    url: '',
    timeoutMs: 10_000,
    hasSecret: false,
    secretSource: 'none',
    fourDInstallPath: '',
    checkRules: resolveSessionRules().info,
  }),
  setSettings: async () => {
    throw new ApiError('unsupported', 'Push settings cannot be stored in this mode: no push service is available.');
  },
  sessionRules: () => resolveSessionRules(),
};

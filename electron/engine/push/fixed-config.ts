// Browser mode: the push URL comes from `--push-url`, the secret from the
// PUSH_SECRET environment variable (never from the command line, where other
// users could read it in the process list).

import { pushSettingsInput } from '../../../shared/api-schema';
import { SECRET_PATTERN } from './create-push-service';
import type { FixedPushConfig } from './types';

export const PUSH_SECRET_ENV = 'PUSH_SECRET';

/**
 * Builds the fixed push configuration; throws an Error with a sentence for the
 * terminal when the URL or the secret is unusable. `env` is process.env.
 */
export function fixedPushConfig(pushUrl: string | undefined, env: Record<string, string | undefined>): FixedPushConfig {
  const config: FixedPushConfig = {};
  if (pushUrl !== undefined) {
    const url = pushUrl.trim();
    const check = pushSettingsInput.shape.url.safeParse(url);
    if (!check.success || !url || !URL.canParse(url)) {
      throw new Error(`--push-url must be an http:// or https:// URL (got "${pushUrl}").`);
    }
    config.url = url;
  }
  const secret = env[PUSH_SECRET_ENV]?.trim();
  if (secret) {
    if (!SECRET_PATTERN.test(secret)) {
      throw new Error(`${PUSH_SECRET_ENV} must be printable ASCII without spaces.`);
    }
    config.secret = secret;
  }
  return config;
}

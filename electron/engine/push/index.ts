// Push: reach the running 4D Server so it reloads its sessions.
export { createPushService, type PushServiceOptions } from './create-push-service';
export { fixedPushConfig, PUSH_SECRET_ENV } from './fixed-config';
export type { FixedPushConfig, SecretCodec } from './types';

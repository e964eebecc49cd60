// Types shared by the push client, its settings and the desktop keychain codec.
// No Electron import here: electron/main/secret-codec.ts implements SecretCodec.

/**
 * Encrypts secrets with the OS keychain (Electron safeStorage on the desktop). Asynchronous:
 * Electron 45 deprecates the synchronous safeStorage API, and a Keychain prompt must not block.
 */
export interface SecretCodec {
  /** False when only plain-text storage would be possible (e.g. Linux without a keyring). */
  isAvailable(): Promise<boolean>;
  /** Returns base64 ciphertext; rejects when the keychain is unavailable. */
  encrypt(plain: string): Promise<string>;
  /** Takes base64 ciphertext from `encrypt`; rejects when it cannot be decrypted. `shouldReEncrypt`: store it again. */
  decrypt(b64: string): Promise<{ value: string; shouldReEncrypt: boolean }>;
}

/**
 * Browser mode: URL from `--push-url`, secret from the PUSH_SECRET environment
 * variable. These are never written to the settings file.
 */
export interface FixedPushConfig {
  url?: string;
  secret?: string;
  timeoutMs?: number;
}

/** What the 4D method is asked to do. "ping" checks URL and secret without refreshing. */
export type PushAction = 'refreshSessions' | 'ping';

export const DEFAULT_PUSH_TIMEOUT_MS = 10_000;
/** Only this much of a response is read; 4D's answer is a few bytes. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
/** Length of the body excerpt shown to the user. */
export const EXCERPT_CHARS = 300;

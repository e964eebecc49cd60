// The PushService the Workspace calls: resolves the settings of one MobileApps
// folder (URL, timeout, secret), sends one request, classifies the answer.
// Secrets: on the desktop they are stored encrypted by the OS keychain (a
// SecretCodec over Electron safeStorage); in browser mode they come only from
// the environment (`fixed`) and are never written anywhere.

import { ApiError } from '../../../shared/api-error';
import { pushSettingsInput } from '../../../shared/api-schema';
import type { PushResult, PushSettingsInput, PushSettingsView } from '../../../shared/types';
import type { PushService } from './push-service';
import type { PushEntry, SettingsStore } from '../settings/settings-store';
import { resolveSessionRules } from '../checks/session-rules';
import { classify } from './classify';
import { sendPushRequest } from './http-request';
import { DEFAULT_PUSH_TIMEOUT_MS, type FixedPushConfig, type PushAction, type SecretCodec } from './types';

export interface PushServiceOptions {
  settings: SettingsStore;
  /** Desktop: safeStorage codec. Browser mode: null (secrets come from `fixed`). */
  secrets: SecretCodec | null;
  fixed?: FixedPushConfig;
  /** Sent as User-Agent, e.g. "MobileSessionManager/0.1.0". */
  userAgent?: string;
  /**
   * Browser mode: a secret typed in the settings is kept in this process's memory for its
   * lifetime (never written: there is no keychain to encrypt it with).
   */
  memorySecrets?: boolean;
}

/** A bearer token: printable ASCII without spaces, so it is a valid header value. */
export const SECRET_PATTERN = /^[\x21-\x7e]+$/;
const SECRET_RULE = 'The secret must be printable ASCII characters without spaces (letters, digits, punctuation).';

type SecretState =
  | { kind: 'none' }
  | { kind: 'ok'; value: string; source: 'keychain' | 'environment' | 'memory' }
  | { kind: 'unreadable'; reason: string };

interface Effective {
  url: string;
  timeoutMs: number;
  secret: SecretState;
}

function bodyFor(action: PushAction, url: URL): string {
  const request = { action };
  // 4D's REST server passes a function's parameters as a JSON collection in
  // the body; the 4DACTION method reads the object directly.
  return JSON.stringify(/\/rest\//i.test(url.pathname) ? [request] : request);
}

function notConfigured(message: string): PushResult {
  return { outcome: 'not-configured', message, durationMs: 0 };
}

export function createPushService(opts: PushServiceOptions): PushService {
  const { settings, secrets, fixed } = opts;
  const userAgent = opts.userAgent ?? 'MobileSessionManager';
  const fixedSecret = fixed?.secret ? fixed.secret : undefined;
  /** One request per folder and action at a time: a second click shares the first's answer. */
  const inFlight = new Map<string, Promise<PushResult>>();
  /** Browser mode: secrets typed in the settings, per folder, for this process's lifetime only. */
  const typedSecrets = opts.memorySecrets ? new Map<string, string>() : null;

  function storedEntry(root: string): PushEntry | undefined {
    return settings.get().push[root];
  }

  async function secretFor(root: string, entry: PushEntry | undefined): Promise<SecretState> {
    if (fixedSecret !== undefined) return { kind: 'ok', value: fixedSecret, source: 'environment' };
    const typed = typedSecrets?.get(root);
    if (typed !== undefined) return { kind: 'ok', value: typed, source: 'memory' };
    if (!entry?.secret) return { kind: 'none' };
    if (!secrets) {
      return {
        kind: 'unreadable',
        reason: 'This mode cannot read secrets stored by the desktop app; set PUSH_SECRET instead.',
      };
    }
    try {
      const { value, shouldReEncrypt } = await secrets.decrypt(entry.secret.data);
      if (shouldReEncrypt) void reEncrypt(root, entry.secret.data, value);
      return { kind: 'ok', value, source: 'keychain' };
    } catch {
      return {
        kind: 'unreadable',
        reason:
          'The stored secret could not be decrypted with the OS keychain. Enter the secret again in the push settings.',
      };
    }
  }

  /** The keychain asked for it (key rotated): stores the secret encrypted anew, unless it changed meanwhile. */
  async function reEncrypt(root: string, was: string, plain: string): Promise<void> {
    try {
      const data = await secrets!.encrypt(plain);
      await settings.update((draft) => {
        const entry = draft.push[root];
        if (entry?.secret?.data === was) entry.secret = { scheme: 'safeStorage', data };
      });
    } catch (err) {
      console.error('Could not re-encrypt the push secret:', err);
    }
  }

  /** URL and timeout only: reading them must never touch the keychain (no prompt to show a dialog). */
  function plainSettings(root: string): Omit<Effective, 'secret'> {
    const entry = storedEntry(root);
    return {
      url: fixed?.url ?? entry?.url ?? '',
      timeoutMs: entry?.timeoutMs ?? fixed?.timeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS,
    };
  }

  async function effective(root: string): Promise<Effective> {
    return { ...plainSettings(root), secret: await secretFor(root, storedEntry(root)) };
  }

  async function send(root: string, action: PushAction): Promise<PushResult> {
    const cfg = await effective(root);
    if (!cfg.url) {
      return notConfigured(
        fixed && !typedSecrets
          ? 'No push URL is set: start the server with --push-url <URL of the 4D method> (see docs/push.md).'
          : 'No push URL is set for this folder. Open the Push settings and enter the URL of the 4D method (see docs/push.md).',
      );
    }
    if (cfg.secret.kind === 'unreadable') return notConfigured(cfg.secret.reason);
    if (cfg.secret.kind === 'none') {
      let why = 'No secret is set: start the server with the PUSH_SECRET environment variable (see docs/push.md).';
      if (secrets)
        why = 'No secret is set for this folder. Open the Push settings and enter the secret stored on the 4D Server.';
      else if (typedSecrets) {
        why =
          'No secret is set for this folder. Enter it in the Push settings (kept in memory until the server stops) or start the server with PUSH_SECRET.';
      }
      return notConfigured(why);
    }
    if (!SECRET_PATTERN.test(cfg.secret.value)) return notConfigured(SECRET_RULE);
    let url: URL;
    try {
      url = new URL(cfg.url);
    } catch {
      return notConfigured(`The push URL "${cfg.url}" is not a valid URL.`);
    }
    const started = performance.now();
    const raw = await sendPushRequest({
      url,
      secret: cfg.secret.value,
      body: bodyFor(action, url),
      timeoutMs: cfg.timeoutMs,
      userAgent,
    });
    const durationMs = Math.round(performance.now() - started);
    return { ...classify(raw, { action, url, timeoutMs: cfg.timeoutMs }), durationMs };
  }

  function once(root: string, action: PushAction): Promise<PushResult> {
    const key = `${action}\u0000${root}`;
    const running = inFlight.get(key);
    if (running) return running;
    const p = send(root, action).finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  }

  async function getSettings(root: string): Promise<PushSettingsView> {
    const cfg = plainSettings(root);
    const entry = storedEntry(root);
    let secretSource: PushSettingsView['secretSource'] = 'none';
    if (fixedSecret !== undefined) secretSource = 'environment';
    else if (typedSecrets?.has(root)) secretSource = 'memory';
    else if (entry?.secret) secretSource = 'keychain';
    const fourDInstallPath = settings.get().fourDInstallPath;
    return {
      url: cfg.url,
      timeoutMs: cfg.timeoutMs,
      hasSecret: secretSource !== 'none',
      secretSource,
      fourDInstallPath,
      checkRules: resolveSessionRules({ installPath: fourDInstallPath }).info,
    };
  }

  async function encryptSecret(secret: string): Promise<NonNullable<PushEntry['secret']>> {
    if (!SECRET_PATTERN.test(secret)) throw new ApiError('invalid-argument', SECRET_RULE);
    if (!secrets) {
      throw new ApiError(
        'unsupported',
        'In browser mode the secret is read from the PUSH_SECRET environment variable and is never stored. Restart the server with PUSH_SECRET set.',
      );
    }
    if (!(await secrets.isAvailable())) {
      throw new ApiError(
        'unsupported',
        'No OS keychain is available, so the secret cannot be stored safely and was not saved. On Linux, install and unlock a keyring (GNOME Keyring or KWallet) and restart the app.',
      );
    }
    try {
      return { scheme: 'safeStorage', data: await secrets.encrypt(secret) };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new ApiError(
        'unsupported',
        `The secret could not be encrypted with the OS keychain (${why}); it was not saved.`,
      );
    }
  }

  async function setSettings(root: string, rawInput: PushSettingsInput): Promise<PushSettingsView> {
    const parsed = pushSettingsInput.safeParse(rawInput);
    if (!parsed.success) {
      throw new ApiError('invalid-argument', `Push settings: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
    }
    const input = parsed.data;
    if (fixed?.url !== undefined && input.url !== fixed.url) {
      throw new ApiError(
        'unsupported',
        `The push URL is set by --push-url (${fixed.url}) and cannot be changed here. Restart the server with another --push-url.`,
      );
    }
    if (typedSecrets) return setInMemory(root, input);
    // Encrypt before entering the write queue, so a keychain refusal changes nothing.
    const newSecret = input.secret ? await encryptSecret(input.secret) : undefined;
    await settings.update((draft) => {
      const previous = draft.push[root];
      const entry: PushEntry = { url: input.url, timeoutMs: input.timeoutMs };
      if (newSecret) entry.secret = newSecret;
      else if (input.secret === undefined && previous?.secret) entry.secret = previous.secret;
      draft.push[root] = entry;
      if (input.fourDInstallPath !== undefined) draft.fourDInstallPath = input.fourDInstallPath.trim();
    });
    return getSettings(root);
  }

  /** Browser mode: URL and timeout to the settings file, the secret to memory only ("" forgets it). */
  async function setInMemory(root: string, input: PushSettingsInput): Promise<PushSettingsView> {
    if (input.secret && fixedSecret !== undefined) {
      throw new ApiError(
        'unsupported',
        'The secret comes from the PUSH_SECRET environment variable and cannot be changed here.',
      );
    }
    if (input.secret && !SECRET_PATTERN.test(input.secret)) throw new ApiError('invalid-argument', SECRET_RULE);
    await settings.update((draft) => {
      // A secret the desktop app stored (same data dir) stays for the desktop app.
      const kept = draft.push[root]?.secret;
      draft.push[root] = { url: input.url, timeoutMs: input.timeoutMs, ...(kept ? { secret: kept } : {}) };
      if (input.fourDInstallPath !== undefined) draft.fourDInstallPath = input.fourDInstallPath.trim();
    });
    if (input.secret) typedSecrets!.set(root, input.secret);
    else if (input.secret === '') typedSecrets!.delete(root);
    return getSettings(root);
  }

  return {
    push: (root) => once(root, 'refreshSessions'),
    testConnection: (root) => once(root, 'ping'),
    getSettings,
    setSettings,
    sessionRules: () => resolveSessionRules({ installPath: settings.get().fourDInstallPath }),
  };
}

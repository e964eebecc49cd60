// Turns what the HTTP exchange produced into the PushResult the UI shows:
// an outcome from the shared contract plus one clear English sentence.

import type { PushOutcome, PushResult } from '../../../shared/types';
import type { RawOutcome } from './http-request';
import { EXCERPT_CHARS, type PushAction } from './types';

export interface ClassifyContext {
  action: PushAction;
  url: URL;
  timeoutMs: number;
}

type Classified = Omit<PushResult, 'durationMs'>;

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'EPROTO',
  'HOSTNAME_MISMATCH',
]);

export function isTlsError(code: string): boolean {
  return TLS_CODES.has(code) || /^(CERT_|ERR_TLS_|ERR_SSL_)/.test(code);
}

/** First EXCERPT_CHARS characters, control characters replaced, whitespace collapsed. */
export function excerpt(body: string): string {
  const clean = body
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > EXCERPT_CHARS ? `${clean.slice(0, EXCERPT_CHARS)}…` : clean;
}

function hostOf(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

interface Answer {
  /** `success` when the JSON says so; null when the body is not the expected JSON. */
  success: boolean | null;
  /** The error text the 4D side sent, if any. */
  error: string | null;
  /** `"code": "unauthorized"`: the REST variant cannot set a 401 status, so it says so in the body. */
  code: string | null;
  /** Errors MOBILE APP REFRESH SESSIONS reported while still reloading (e.g. a file it dropped). */
  warnings: string[];
}

const NO_ANSWER: Answer = { success: null, error: null, code: null, warnings: [] };

/**
 * Reads `{"success": true}` / `{"success": false, "error": "…"}`, also when the
 * REST server wraps a function's result as `{"result": {...}}`, and picks the
 * message out of 4D's own REST error shape `{"__ERROR": [{"message": …}]}`.
 */
export function readAnswer(body: string): Answer {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return NO_ANSWER;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return NO_ANSWER;
  let obj = json as Record<string, unknown>;
  if (typeof obj.result === 'object' && obj.result !== null && !('success' in obj)) {
    obj = obj.result as Record<string, unknown>;
  }
  const error = typeof obj.error === 'string' ? obj.error : fourDRestError(obj);
  const warnings = Array.isArray(obj.warnings)
    ? obj.warnings.filter((w): w is string => typeof w === 'string').slice(0, 20)
    : [];
  return {
    success: typeof obj.success === 'boolean' ? obj.success : null,
    error,
    code: typeof obj.code === 'string' ? obj.code : null,
    warnings,
  };
}

function fourDRestError(obj: Record<string, unknown>): string | null {
  const list = obj.__ERROR;
  if (!Array.isArray(list)) return null;
  const first: unknown = list[0];
  if (typeof first !== 'object' || first === null) return null;
  const message = (first as Record<string, unknown>).message;
  return typeof message === 'string' ? message : null;
}

function result(outcome: PushOutcome, message: string, extra: Partial<Classified> = {}): Classified {
  return { outcome, message, ...extra };
}

function classifyResponse(raw: Extract<RawOutcome, { kind: 'response' }>, ctx: ClassifyContext): Classified {
  const { status } = raw;
  const bodyExcerpt = excerpt(raw.body);
  const extra = { httpStatus: status, bodyExcerpt };
  const answer = readAnswer(raw.body);
  const detail = answer.error ? ` The server said: "${excerpt(answer.error)}"` : '';
  const isRest = /\/rest\//i.test(ctx.url.pathname);

  if (status === 401 || status === 403 || (answer.success === false && answer.code === 'unauthorized')) {
    const hint = isRest
      ? ' With the REST variant, also check that the function may be called without a 4D login (see docs/push.md).'
      : '';
    return result(
      'unauthorized',
      `The server refused the secret (HTTP ${status}${status < 300 ? ', "unauthorized"' : ''}). Check that the secret set in this app matches the one stored on the 4D Server.${hint}`,
      extra,
    );
  }
  if (status >= 200 && status < 300) {
    if (answer.success === true) {
      const message =
        ctx.action === 'ping'
          ? 'Connection OK: the 4D Server answered and accepted the secret.'
          : 'The 4D Server reloaded its sessions.';
      const reported = answer.warnings.length
        ? ` It reported: ${excerpt(answer.warnings.join(' / '))} (sessions whose file is invalid are dropped).`
        : '';
      return result('success', message + reported, extra);
    }
    if (answer.success === false) {
      return result(
        'http-error',
        `The 4D method answered but reported a failure (HTTP ${status}).${detail || ' It gave no reason.'}`,
        extra,
      );
    }
    return result(
      'http-error',
      `The server answered HTTP ${status} but not with the expected JSON ({"success": true}). Check that the URL points at the 4D method described in docs/push.md.`,
      extra,
    );
  }
  if (status >= 300 && status < 400) {
    const to = raw.location ? ` to ${excerpt(raw.location)}` : '';
    return result(
      'http-error',
      `The server answered with a redirect (HTTP ${status})${to}. Redirects are not followed, so the secret is never sent elsewhere: put the final address in the push URL.`,
      extra,
    );
  }
  if (status === 404) {
    return result(
      'http-error',
      `Nothing was found at this URL (HTTP 404). Check the method name in the URL and that the method is available through 4D tags and URLs (4DACTION) or exposed (REST).${detail}`,
      extra,
    );
  }
  const text = raw.statusText ? ` ${raw.statusText}` : '';
  return result('http-error', `The server answered with an error: HTTP ${status}${text}.${detail}`, extra);
}

function classifyError(code: string, message: string, ctx: ClassifyContext): Classified {
  const host = hostOf(ctx.url);
  if (code === 'ECONNREFUSED') {
    return result(
      'connection-refused',
      `The connection to ${host} was refused: nothing is listening there. Check that 4D Server is running, that its web server is started, and that the port is right.`,
    );
  }
  if (isTlsError(code)) {
    return result(
      'tls-error',
      `The secure connection to ${host} failed (${code}: ${excerpt(message)}). The server's certificate may be self-signed, expired or issued for another name, or the URL says https:// for a server that speaks plain http.`,
    );
  }
  if (code === 'ETIMEDOUT') {
    return result(
      'timeout',
      `The connection to ${host} timed out before the server answered. Check the address and any firewall.`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return result(
      'network-error',
      `The host name "${ctx.url.hostname}" could not be resolved (${code}). Check the URL and this computer's network connection.`,
    );
  }
  if (code === 'ECONNRESET' || /socket hang up/i.test(message)) {
    return result(
      'network-error',
      `The connection to ${host} was closed before the server answered (${code || 'socket hang up'}). A proxy or firewall may be in the way, or the URL's http/https scheme may be wrong.`,
    );
  }
  return result('network-error', `Could not reach ${host}: ${excerpt(message)}${code ? ` (${code})` : ''}.`);
}

export function classify(raw: RawOutcome, ctx: ClassifyContext): Classified {
  switch (raw.kind) {
    case 'response':
      return classifyResponse(raw, ctx);
    case 'timeout':
      return result(
        'timeout',
        `No answer from ${hostOf(ctx.url)} within ${seconds(ctx.timeoutMs)}. The server may be busy or unreachable; it may or may not have reloaded the sessions, and pushing again is safe.`,
      );
    case 'error':
      return classifyError(raw.code, raw.message, ctx);
  }
}

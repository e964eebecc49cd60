// Turns whatever an API call threw into one clear, translated sentence.

import type { TFunction } from 'i18next';
import type { ApiErrorCode, ApiErrorInfo } from '../../../shared/types';

const CODES: readonly ApiErrorCode[] = [
  'invalid-argument',
  'not-found',
  'outside-root',
  'no-folder',
  'invalid-session',
  'io',
  'conflict',
  'unsupported',
  'push-failed',
  'unauthorized',
  'internal',
];

/** Reads an ApiError (or its plain-object form after a transport) without trusting its shape. */
export function errorInfo(err: unknown): ApiErrorInfo {
  if (err && typeof err === 'object') {
    const { code, message } = err as { code?: unknown; message?: unknown };
    const msg = typeof message === 'string' && message ? message : String(err);
    if (typeof code === 'string' && (CODES as readonly string[]).includes(code)) {
      return { code: code as ApiErrorCode, message: msg };
    }
    return { code: 'internal', message: msg };
  }
  return { code: 'internal', message: String(err) };
}

export function describeError(t: TFunction, err: unknown): string {
  const info = errorInfo(err);
  return t(`errors.${info.code}`, { message: info.message });
}

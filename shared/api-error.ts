import type { ApiErrorCode, ApiErrorInfo } from './types';

/** An error that keeps a machine-readable code across every transport. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }

  toInfo(): ApiErrorInfo {
    return { code: this.code, message: this.message };
  }

  static from(info: ApiErrorInfo): ApiError {
    return new ApiError(info.code, info.message);
  }
}

/** Turns anything thrown into an ApiErrorInfo without leaking stack traces. */
export function toErrorInfo(err: unknown): ApiErrorInfo {
  if (err instanceof ApiError) return err.toInfo();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}

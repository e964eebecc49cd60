// The one place where a transport (IPC in the desktop app, HTTP in browser
// mode) turns a method name plus untrusted raw arguments into a call on the
// engine. Arguments are validated against the shared zod schemas first, and
// every outcome is wrapped in the ApiResponse envelope so error codes survive
// the trip. No Electron import: the browser-mode server and tests use it too.

import { API_METHODS, type ApiMethod, type ApiResponse, type FolderApi, type SessionApi } from '../../shared/api';
import { parseApiArgs } from '../../shared/api-schema';
import { ApiError, toErrorInfo } from '../../shared/api-error';

const KNOWN = new Set<string>(API_METHODS);

export function isApiMethod(method: string): method is ApiMethod {
  return KNOWN.has(method);
}

/** Validates and runs one API call; never throws. */
/** A single Workspace lacks the FolderApi methods; a WorkspaceSet has them all. */
export async function dispatch(
  api: SessionApi & Partial<FolderApi>,
  method: string,
  rawArgs: unknown,
): Promise<ApiResponse<unknown>> {
  try {
    const args = parseApiArgs(method, rawArgs);
    // parseApiArgs has refused unknown methods, so `method` is an ApiMethod here.
    const fn = api[method as ApiMethod] as ((...a: unknown[]) => Promise<unknown>) | undefined;
    if (typeof fn !== 'function')
      throw new ApiError('unsupported', `${method} is not available: only one folder can be open here.`);
    const value = await fn.apply(api, args);
    return { ok: true, value: value === undefined ? null : value };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err) };
  }
}

// Turns Node's file-system errors into ApiErrors with a message a user can act on,
// so no raw "ENOENT: no such file or directory" ever reaches the UI.

import { ApiError } from '../../shared/api-error';

export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** `action` reads like "Cannot write session X of app Y". */
export function toFsApiError(err: unknown, action: string, path: string): ApiError {
  if (err instanceof ApiError) return err;
  switch (errnoCode(err)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new ApiError('not-found', `${action}: ${path} does not exist.`);
    case 'EACCES':
    case 'EPERM':
      return new ApiError('io', `${action}: permission denied on ${path}.`);
    case 'EBUSY':
      return new ApiError('io', `${action}: ${path} is in use by another program.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new ApiError('io', `${action}: the disk holding ${path} is full.`);
    case 'EROFS':
      return new ApiError('io', `${action}: ${path} is on a read-only disk.`);
    case 'EISDIR':
      return new ApiError('io', `${action}: ${path} is a folder, not a file.`);
    case 'EMFILE':
    case 'ENFILE':
      return new ApiError('io', `${action}: too many open files; try again.`);
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return new ApiError('io', `${action}: ${message}`);
    }
  }
}

// Validation of every API argument that crosses a transport (IPC, HTTP).
// Names are checked for shape here; the engine additionally resolves them
// inside the chosen root and refuses anything that escapes it.

import { z } from 'zod';
import type { ApiMethod } from './api';
import { ApiError } from './api-error';
import { AUDIT_ACTIONS, type AuditAction } from './audit';

/** An app folder's name: one path segment, no separators, no dot-dot. */
export const appFolderName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[\\/\0]/.test(s) && s !== '.' && s !== '..', 'must be a single folder name');

/** A session file's name: the session id. 4D's rule: hex digits only, any length (usually 40); 255 is the file-name limit. */
export const sessionId = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[0-9A-Fa-f]+$/, 'must be a session id (hexadecimal digits)');

/** The open folder a ref belongs to (FolderSummary id); absent means the active folder. */
export const refFolderId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9a-z-]+$/, 'must be a folder id');

/** A problem file's name: one path segment (no separators, not "." or ".."), any characters else. */
export const problemFileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[\\/\0]/.test(s) && s !== '.' && s !== '..', 'must be a single file name');

export const problemRef = z.strictObject({ app: appFolderName, file: problemFileName });

export const sessionRef = z.strictObject({ app: appFolderName, id: sessionId, folder: refFolderId.optional() });
const refs = z.array(sessionRef).min(1).max(200_000);
export const sessionStatus = z.enum(['accepted', 'pending']);

/** Plausible e-mail, or empty (4D's sessions may have no e-mail). */
export const emailValue = z
  .string()
  .max(254)
  .refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'must be an e-mail address or empty');

export const pushSettingsInput = z.strictObject({
  url: z
    .string()
    .max(2048)
    .refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), 'must be an http:// or https:// URL or empty'),
  timeoutMs: z.number().int().min(500).max(120_000),
  secret: z.string().max(4096).optional(),
  fourDInstallPath: z
    .string()
    .max(4096)
    .refine((s) => !s.includes('\0'), 'must be a path')
    .optional(),
});

const auditAction = z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]]);

/** Filters of readAuditLog (shared/audit.ts AuditQuery); every field optional, all bounded. */
export const auditQuery = z.strictObject({
  since: z
    .union([
      z
        .string()
        .max(64)
        .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date'),
      z.number().int().min(0).max(8.64e15),
    ])
    .optional(),
  folder: z.string().min(1).max(4096).optional(),
  action: z.union([auditAction, z.array(auditAction).min(1).max(5)]).optional(),
  pushed: z.boolean().optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});

const none = z.tuple([]);

/** A FolderSummary id: 'demo' or a short hex hash. */
export const folderId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z_-]+$/, 'must be a folder id');

/** The largest page of sessions one call may ask for. */
export const MAX_PAGE_SIZE = 50_000;

export const apiArgSchemas = {
  getState: none,
  listSessions: z.tuple([appFolderName]),
  listSessionsPage: z.tuple([
    appFolderName,
    z
      .object({
        cursor: z.string().min(1).max(100).nullable(),
        size: z.number().int().min(1).max(MAX_PAGE_SIZE),
      })
      .strict(),
  ]),
  getSession: z.tuple([sessionRef]),
  setStatus: z.tuple([refs, sessionStatus]),
  setEmail: z.tuple([refs, emailValue]),
  deleteSessions: z.tuple([refs]),
  undo: z.tuple([z.string().min(1).max(100)]),
  refresh: none,
  reveal: z.tuple([sessionRef]),
  chooseFolder: none,
  openDemo: none,
  preflight: none,
  push: none,
  testConnection: none,
  getPushSettings: none,
  setPushSettings: z.tuple([pushSettingsInput]),
  readAuditLog: z.tuple([auditQuery]),
  listPending: none,
  recheck: none,
  searchSessions: z.tuple([z.string().max(200), z.number().int().min(1).max(500)]),
  listOverwritten: none,
  reapplyOverwritten: z.tuple([refs]),
  dismissOverwritten: z.tuple([refs]),
  revealProblem: z.tuple([problemRef]),
  trashProblems: z.tuple([z.array(problemRef).min(1).max(1000)]),
  listFolders: none,
  switchFolder: z.tuple([folderId]),
  closeFolder: z.tuple([folderId]),
  addFolder: none,
  setWatchMode: z.tuple([folderId, z.enum(['auto', 'native', 'polling'])]),
} satisfies Record<ApiMethod, z.ZodType>;

/** Validates raw arguments for a method; throws ApiError('invalid-argument') with a specific message. */
export function parseApiArgs(method: string, raw: unknown): unknown[] {
  if (!Object.hasOwn(apiArgSchemas, method)) {
    throw new ApiError('invalid-argument', `Unknown method "${method}".`);
  }
  const schema = apiArgSchemas[method as ApiMethod];
  const result = schema.safeParse(raw ?? []);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` (argument ${issue.path.join('.')})` : '';
    throw new ApiError('invalid-argument', `${method}: ${issue?.message ?? 'invalid arguments'}${where}.`);
  }
  return result.data as unknown[];
}

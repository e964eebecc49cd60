// Reading the audit log: every file of the log folder, newest first, each line
// checked against the entry schema (a torn or foreign line is skipped and
// counted), "pushed" derived from later push entries of the same folder.

import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { AuditAction, AuditEntry, AuditQuery, AuditReadResult, AuditValue } from '../../../shared/audit';
import { AUDIT_ACTIONS } from '../../../shared/audit';

export const CURRENT_FILE = 'audit.jsonl';
/** A rotated file: audit-<YYYY-MM-DD>[-n].jsonl. */
const ROTATED = /^audit-(\d{4}-\d{2}-\d{2})(?:-(\d+))?\.jsonl$/;

// --- reading --------------------------------------------------------------------------------

const jsonValue: z.ZodType<AuditValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

const entrySchema = z.object({
  time: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'time must be an ISO date'),
  user: z.string(),
  folder: z.string(),
  action: z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]]),
  sessions: z.array(
    z.object({ app: z.string(), id: z.string(), before: jsonValue.optional(), after: jsonValue.optional() }),
  ),
  actionId: z.string(),
  pushed: z.boolean().optional(),
  undoes: z.string().optional(),
  until: z.string().optional(),
  outcome: z.string().optional(),
  message: z.string().optional(),
  source: z.string().optional(),
});

/** Log files oldest first: rotated ones by date and number, then the current file. */
async function logFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return [];
    throw err;
  }
  const rotated = names
    .map((name) => ({ name, m: ROTATED.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => (a.m[1]! < b.m[1]! ? -1 : a.m[1]! > b.m[1]! ? 1 : Number(a.m[2] ?? 1) - Number(b.m[2] ?? 1)))
    .map((x) => join(dir, x.name));
  return names.includes(CURRENT_FILE) ? [...rotated, join(dir, CURRENT_FILE)] : rotated;
}

function parseLines(text: string): { entries: AuditEntry[]; skipped: number } {
  const entries: AuditEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    const parsed = entrySchema.safeParse(value);
    if (parsed.success) entries.push(parsed.data as AuditEntry);
    else skipped++;
  }
  return { entries, skipped };
}

function sinceMs(since: string | number | undefined): number | null {
  if (since === undefined) return null;
  const ms = typeof since === 'number' ? since : Date.parse(since);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Reads newest file first and each file from its end, so a push entry is always
 * seen before the changes it covers, and `limit` stops early on a long history.
 */
export async function readAuditDir(dir: string, query: AuditQuery): Promise<AuditReadResult> {
  const files = (await logFiles(dir)).reverse();
  const since = sinceMs(query.since);
  const folder = query.folder === undefined ? undefined : resolve(query.folder);
  const actions =
    query.action === undefined ? null : new Set(Array.isArray(query.action) ? query.action : [query.action]);
  const limit = query.limit !== undefined && query.limit >= 0 ? query.limit : Infinity;
  /** Per folder: the latest time covered by a successful push seen so far. */
  const pushedUntil = new Map<string, number>();
  const out: AuditEntry[] = [];
  let skipped = 0;

  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if (isErrno(err, 'ENOENT')) continue; // rotated away while we listed
      throw err;
    }
    const parsed = parseLines(text);
    skipped += parsed.skipped;
    let oldestInFile = Infinity;
    for (let i = parsed.entries.length - 1; i >= 0; i--) {
      const e = parsed.entries[i]!;
      const t = Date.parse(e.time);
      oldestInFile = Math.min(oldestInFile, t);
      if (e.action === 'push') {
        if (e.pushed === true) {
          const until = e.until === undefined ? t : Date.parse(e.until);
          if (!Number.isNaN(until)) pushedUntil.set(e.folder, Math.max(pushedUntil.get(e.folder) ?? -Infinity, until));
        }
      } else {
        e.pushed = (pushedUntil.get(e.folder) ?? -Infinity) >= t;
      }
      if (out.length >= limit) continue;
      if (since !== null && t < since) continue;
      if (folder !== undefined && e.folder !== folder) continue;
      if (actions && !actions.has(e.action)) continue;
      if (query.pushed !== undefined && e.action !== 'push' && e.pushed !== query.pushed) continue;
      out.push(e);
    }
    if (out.length >= limit) break;
    if (since !== null && oldestInFile < since) break; // older files hold only older entries
  }
  // Within a file, order is append order; across processes clocks agree, so sort
  // by time for display, keeping append order for equal times (sort is stable).
  out.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  return { entries: out, skipped };
}

export function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

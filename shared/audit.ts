// Audit log entries as every side sees them: the engine writes them (electron/engine/
// audit-log.ts), the UI shows, filters and exports them, the CLI prints them.
// Pure: no Node, no DOM.

import { csvField } from './export-format';

export type AuditAction = 'set-status' | 'set-email' | 'delete' | 'undo' | 'push' | 'overwritten';
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'set-status',
  'set-email',
  'delete',
  'undo',
  'push',
  'overwritten',
];

/** A JSON value (what before/after may hold). */
export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

export interface AuditSessionChange {
  app: string;
  id: string;
  /** The edited value before the action (a status, an e-mail, or a small summary for a deletion). */
  before?: AuditValue;
  /** The value after it; absent for a deletion. */
  after?: AuditValue;
}

export interface AuditEntry {
  /** ISO 8601, UTC. */
  time: string;
  /** The OS user who ran the action. */
  user: string;
  /** The MobileApps folder (root) the action touched. */
  folder: string;
  action: AuditAction;
  sessions: AuditSessionChange[];
  /** One id per user action; undo entries name the action they revert in `undoes`. */
  actionId: string;
  /** Changes: computed when the log is read (a later successful push of the folder covers them).
   *  Push entries: whether the push succeeded. */
  pushed?: boolean;
  /** Undo entries: the actionId that was reverted. */
  undoes?: string;
  /** Push entries: changes made up to this time (ISO) are on the server. */
  until?: string;
  /** Push entries: the push outcome ("success", "timeout", …) and its message. */
  outcome?: string;
  message?: string;
  /** Which program wrote the entry: "app", "browser", "cli". */
  source?: string;
}

export interface AuditQuery {
  /** Entries at or after this time (ISO string or ms since epoch). */
  since?: string | number;
  /** Only entries of this MobileApps folder. */
  folder?: string;
  action?: AuditAction | AuditAction[];
  /** Only changes that are (true) or are not yet (false) on the server. Push entries are kept. */
  pushed?: boolean;
  /** At most this many entries, newest first. */
  limit?: number;
}

export interface AuditReadResult {
  /** Newest first. */
  entries: AuditEntry[];
  /** Lines that were not valid entries (a torn last line after a crash, hand edits): skipped, counted. */
  skipped: number;
}

const AUDIT_CSV_COLUMNS = [
  'time',
  'user',
  'folder',
  'action',
  'actionId',
  'pushed',
  'app',
  'id',
  'before',
  'after',
] as const;

function valueText(v: AuditValue | undefined): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One CSV row per session change (an entry without sessions, like a push, gives one row). */
export function auditToCsv(entries: readonly AuditEntry[], options: { bom?: boolean } = {}): string {
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const base = [e.time, e.user, e.folder, e.action, e.actionId, e.pushed === undefined ? '' : String(e.pushed)];
    const rows = e.sessions.length > 0 ? e.sessions : [undefined];
    for (const s of rows) {
      const cells = [...base, s?.app ?? '', s?.id ?? '', valueText(s?.before), valueText(s?.after)];
      lines.push(cells.map(csvField).join(','));
    }
  }
  const body = `${lines.join('\r\n')}\r\n`;
  return options.bom ? `\uFEFF${body}` : body;
}

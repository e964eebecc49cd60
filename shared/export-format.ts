// CSV and JSON exports of session rows (the current view: the caller filters and
// sorts first). Pure: no Node, no DOM; the desktop app, browser mode and the CLI
// all produce byte-identical files.
//
// CSV follows RFC 4180 (CRLF, fields quoted when they contain a quote, comma or
// line break, quotes doubled) and defends against formula injection: a text cell
// that starts with = + - @ (or a tab / carriage return, which some spreadsheets
// skip before reading a formula) gets a leading apostrophe, so Excel, LibreOffice
// and Google Sheets show it as text instead of running it. Session files come
// from devices and servers we do not control, so every text cell is treated as hostile.

import type { SessionRecord, SessionWarning } from './types';

export type ExportColumn =
  | 'app'
  | 'id'
  | 'status'
  | 'email'
  | 'device'
  | 'deviceId'
  | 'os'
  | 'osVersion'
  | 'simulator'
  | 'language'
  | 'ip'
  | 'appVersion'
  | 'changed'
  | 'size'
  | 'warnings';

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  'app',
  'id',
  'status',
  'email',
  'device',
  'deviceId',
  'os',
  'osVersion',
  'simulator',
  'language',
  'ip',
  'appVersion',
  'changed',
  'size',
  'warnings',
];

type Cell = string | number | boolean | null;

/** The value of one column, typed (JSON keeps the types; CSV prints them). */
function cellOf(record: SessionRecord, column: ExportColumn): Cell | SessionWarning[] {
  switch (column) {
    case 'app':
      return record.app;
    case 'id':
      return record.id;
    case 'status':
      return record.status;
    case 'email':
      return record.email;
    case 'device':
      return record.deviceDescription;
    case 'deviceId':
      return record.deviceId;
    case 'os':
      return record.os;
    case 'osVersion':
      return record.osVersion;
    case 'simulator':
      return record.simulator;
    case 'language':
      return record.language;
    case 'ip':
      return record.ip;
    case 'appVersion':
      return record.appVersion;
    case 'changed':
      return isoTime(record.mtimeMs);
    case 'size':
      return record.size;
    case 'warnings':
      return record.warnings;
  }
}

function isoTime(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

// --- CSV ---------------------------------------------------------------------------

export interface CsvOptions {
  /** Prepend a UTF-8 byte order mark so Excel opens the file as UTF-8 (default false). */
  bom?: boolean;
  /** Header row with the column names (default true). */
  header?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Neutralizes a spreadsheet formula at the start of a text cell. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field: formula-defused, then quoted as RFC 4180 requires. */
export function csvField(text: string): string {
  const safe = defuseFormula(text);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvText(value: Cell | SessionWarning[]): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map((w) => w.code).join('; ');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export function toCsv(
  records: readonly SessionRecord[],
  columns: readonly ExportColumn[] = EXPORT_COLUMNS,
  options: CsvOptions = {},
): string {
  const lines: string[] = [];
  if (options.header !== false) lines.push(columns.map(csvField).join(','));
  for (const record of records) {
    lines.push(columns.map((c) => csvField(csvText(cellOf(record, c)))).join(','));
  }
  const body = lines.length > 0 ? `${lines.join('\r\n')}\r\n` : '';
  return options.bom ? `\uFEFF${body}` : body;
}

// --- JSON --------------------------------------------------------------------------

export type ExportedSession = Partial<Record<ExportColumn, Cell | SessionWarning[]>>;

/** The rows as plain objects, keys in column order, values typed. */
export function toExportObjects(
  records: readonly SessionRecord[],
  columns: readonly ExportColumn[] = EXPORT_COLUMNS,
): ExportedSession[] {
  return records.map((record) => {
    const out: ExportedSession = {};
    for (const c of columns) {
      const v = cellOf(record, c);
      out[c] = Array.isArray(v) ? v.map((w) => ({ code: w.code, message: w.message })) : v;
    }
    return out;
  });
}

/** A JSON array, two-space indented, with a final newline. */
export function toJson(records: readonly SessionRecord[], columns: readonly ExportColumn[] = EXPORT_COLUMNS): string {
  return `${JSON.stringify(toExportObjects(records, columns), null, 2)}\n`;
}

/** A default file name for a save dialog or download: "sessions-2025-06-01-1430.csv". */
export function exportFileName(format: 'csv' | 'json', now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `sessions-${stamp}.${format}`;
}

export const EXPORT_MIME: Record<'csv' | 'json', string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
};

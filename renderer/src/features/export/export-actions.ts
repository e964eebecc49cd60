// Export of the current view (filters and sort applied) or of the selection, as
// CSV or JSON (shared/export-format.ts), handed to the browser as a download: a
// Blob and an <a download>. In Electron the same download opens a save dialog.

import { auditToCsv, type AuditEntry } from '../../../../shared/audit';
import { EXPORT_MIME, toCsv, toJson } from '../../../../shared/export-format';
import type { SessionRecord } from '../../../../shared/types';
import { showToast } from '../../store/ui';
import { t } from '../../controller/context';

export type ExportFormat = 'csv' | 'json';

export interface DownloadFile {
  fileName: string;
  mime: string;
  text: string;
}

function browserDownload(file: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the Blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

let sink: (file: DownloadFile) => void = browserDownload;

/** Tests replace the download with a recorder; returns the function that restores it. */
export function setDownloadSink(next: (file: DownloadFile) => void): () => void {
  const prev = sink;
  sink = next;
  return () => {
    sink = prev;
  };
}

/** "Contact App" → "contact-app"; ASCII only, so the name is safe on every file system. */
export function fileSlug(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'sessions';
}

export function stamp(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}

/** sessions-<what>-<date>.<ext>, e.g. sessions-contact-2025-06-01-1430.csv */
export function exportName(what: string, format: ExportFormat | 'csv', now: Date = new Date()): string {
  return `sessions-${fileSlug(what)}-${stamp(now)}.${format}`;
}

export function sessionsFile(records: readonly SessionRecord[], format: ExportFormat, what: string): DownloadFile {
  return {
    fileName: exportName(what, format),
    mime: EXPORT_MIME[format],
    // A byte order mark lets Excel open the CSV as UTF-8 (accents in names and e-mails).
    text: format === 'csv' ? toCsv(records, undefined, { bom: true }) : toJson(records),
  };
}

export function exportSessions(records: readonly SessionRecord[], format: ExportFormat, what: string): void {
  if (records.length === 0) {
    showToast({ tone: 'info', title: t('exporting.nothing'), timeoutMs: 3000 });
    return;
  }
  try {
    sink(sessionsFile(records, format, what));
    showToast({
      tone: 'success',
      title: t('exporting.done', { count: records.length, format: format.toUpperCase() }),
      timeoutMs: 3000,
    });
  } catch (err) {
    showToast({
      tone: 'error',
      title: t('exporting.failed'),
      detail: err instanceof Error ? err.message : String(err),
    });
  }
}

export function exportAudit(entries: readonly AuditEntry[]): void {
  try {
    sink({ fileName: `activity-${stamp()}.csv`, mime: EXPORT_MIME.csv, text: auditToCsv(entries, { bom: true }) });
  } catch (err) {
    showToast({
      tone: 'error',
      title: t('exporting.failed'),
      detail: err instanceof Error ? err.message : String(err),
    });
  }
}

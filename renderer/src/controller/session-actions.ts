// Session actions: status, e-mail, delete with Undo, reveal, copy. Each reports every
// failure in a toast; the rows themselves change only through engine events.

import type { ActionResult, SessionRef, SessionStatus } from '../../../shared/types';
import { emailValue } from '../../../shared/api-schema';
import { copyText } from '../lib/clipboard';
import { describeError } from '../lib/errors';
import { visibleIds } from '../store/session-view';
import { closeDialog, openDialog, selectSession, showToast, useUi } from '../store/ui';
import { getRecord, useWorkspace } from '../store/workspace';
import { api, t } from './context';

const UNDO_TOAST_MS = 10_000;

/** Toasts the failures of an action; true when everything was done. */
function reportFailures(result: ActionResult): boolean {
  if (result.failed.length === 0) return true;
  const first = result.failed[0]!;
  const more = result.failed.length > 1 ? ` (+${result.failed.length - 1})` : '';
  showToast({
    tone: 'error',
    title: t('toast.failed', { count: result.failed.length }),
    detail: `${labelOf(first.ref)}: ${describeError(t, first.error)}${more}`,
  });
  return false;
}

function reportThrown(err: unknown): void {
  showToast({ tone: 'error', title: t('toast.actionFailed'), detail: describeError(t, err) });
}

/** What to call a session in messages: its device name, else its id. */
export function labelOf(ref: SessionRef): string {
  const rec = getRecord(ref.app, ref.id);
  return rec?.deviceDescription || rec?.deviceId || ref.id;
}

export async function setStatus(refs: SessionRef[], status: SessionStatus): Promise<boolean> {
  if (refs.length === 0) return false;
  try {
    return reportFailures(await api().setStatus(refs, status));
  } catch (err) {
    reportThrown(err);
    return false;
  }
}

/** Toggles accepted ⇄ pending (Space in the table). */
export function toggleStatus(ref: SessionRef): Promise<boolean> {
  const rec = getRecord(ref.app, ref.id);
  return setStatus([ref], rec?.status === 'accepted' ? 'pending' : 'accepted');
}

/** Checks an e-mail with the contract's own rule; returns an error message or null. */
export function validateEmail(value: string): string | null {
  return emailValue.safeParse(value.trim()).success ? null : t('table.emailInvalid');
}

export async function setEmail(ref: SessionRef, value: string): Promise<boolean> {
  const email = value.trim();
  if (validateEmail(email)) return false;
  if (getRecord(ref.app, ref.id)?.email === email) return true;
  try {
    return reportFailures(await api().setEmail([ref], email));
  } catch (err) {
    reportThrown(err);
    return false;
  }
}

/** Opens the confirmation; nothing is deleted until the user confirms. */
export function requestDelete(refs: SessionRef[]): void {
  if (refs.length === 0) return;
  openDialog({ kind: 'confirm-delete', refs, label: labelOf(refs[0]!) });
}

/** The row that takes the selection once `id` is gone: the next one, else the previous. */
function neighbourOf(id: string): string | null {
  const { selectedApp, sort, query, statusFilter } = useUi.getState();
  const s = selectedApp ? useWorkspace.getState().sessions.get(selectedApp) : undefined;
  if (!s) return null;
  const ids = visibleIds(s, sort, query, statusFilter);
  const i = ids.indexOf(id);
  if (i < 0) return null;
  return ids[i + 1] ?? ids[i - 1] ?? null;
}

export async function confirmDelete(refs: SessionRef[]): Promise<void> {
  closeDialog();
  const label = labelOf(refs[0]!);
  const selected = useUi.getState().selectedId;
  const next = selected && refs.some((r) => r.id === selected) ? neighbourOf(selected) : undefined;
  try {
    const result = await api().deleteSessions(refs);
    reportFailures(result);
    if (next !== undefined && result.done.some((r) => r.id === selected)) selectSession(next);
    if (result.done.length === 0) return;
    const actionId = result.actionId;
    showToast({
      tone: 'info',
      title: result.done.length === 1 ? t('toast.deleted', { label }) : t('toast.deletedMany', { count: result.done.length }),
      timeoutMs: UNDO_TOAST_MS,
      ...(actionId ? { actions: [{ label: t('toast.undo'), run: () => void undo(actionId) }] } : {}),
    });
  } catch (err) {
    reportThrown(err);
  }
}

export async function undo(actionId: string): Promise<void> {
  try {
    const result = await api().undo(actionId);
    if (reportFailures(result) && result.done.length) {
      showToast({ tone: 'success', title: t('toast.restored', { count: result.done.length }), timeoutMs: 4000 });
    }
  } catch (err) {
    reportThrown(err);
  }
}

/** Desktop: opens the file manager. Browser: shows the path in a dialog with Copy. */
export async function reveal(ref: SessionRef): Promise<void> {
  try {
    const result = await api().reveal(ref);
    if (!result.shown) openDialog({ kind: 'reveal', location: result.location });
  } catch (err) {
    reportThrown(err);
  }
}

export async function copySessionId(ref: SessionRef): Promise<void> {
  const ok = await copyText(ref.id);
  showToast(ok ? { tone: 'success', title: t('toast.copiedId'), timeoutMs: 2500 } : { tone: 'error', title: t('toast.copyFailed') });
}

export async function copyPath(path: string): Promise<boolean> {
  const ok = await copyText(path);
  showToast(ok ? { tone: 'success', title: t('toast.copiedPath'), timeoutMs: 2500 } : { tone: 'error', title: t('toast.copyFailed') });
  return ok;
}

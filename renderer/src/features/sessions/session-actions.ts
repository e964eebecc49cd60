// Session actions: status, e-mail, delete with Undo, reveal, copy. Each reports every
// failure in a toast, and every change that was made confirms in a toast with Undo,
// wherever it came from (table, keyboard, details panel, inbox). The rows themselves
// change only through engine events; the table keeps its order meanwhile (holdRowOrder),
// so a changed row does not jump away from the pointer.

import type { ActionResult, SessionRef, SessionStatus } from '../../../../shared/types';
import { emailValue } from '../../../../shared/api-schema';
import { copyText } from '../../lib/clipboard';
import { describeError } from '../../lib/errors';
import { useInbox } from '../inbox/inbox-store';
import { closeDialog, openDialog, selectSession, showToast, useUi } from '../../store/ui';
import { currentVisibleIds, holdRowOrder } from '../../store/visible';
import { getRecord } from '../../store/workspace';
import { auditChanged } from '../activity/audit-actions';
import { api, language, t } from '../../controller/context';
import { formatCount } from '../../lib/format';

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
  const rec =
    getRecord(ref.app, ref.id) ?? useInbox.getState().records?.find((r) => r.app === ref.app && r.id === ref.id);
  return rec?.deviceDescription || rec?.deviceId || ref.id;
}

/** The confirmation of a change that was made: one toast, with Undo when the engine gave an action id. */
function confirmChange(title: string, actionId: string | null | undefined, detail?: string): void {
  showToast({
    tone: 'success',
    title,
    ...(detail ? { detail } : {}),
    timeoutMs: UNDO_TOAST_MS,
    ...(actionId ? { actions: [{ label: t('toast.undo'), run: () => void undo(actionId) }] } : {}),
  });
}

/** "1,454" in the interface's language. */
function count(n: number): { count: number; formatted: string } {
  return { count: n, formatted: formatCount(n, language()) };
}

/** Sets the status of one or many sessions; a toast with Undo confirms it (one undo reverts them all). */
export async function setStatus(refs: SessionRef[], status: SessionStatus): Promise<boolean> {
  if (refs.length === 0) return false;
  holdRowOrder();
  try {
    const result = await api().setStatus(refs, status);
    auditChanged();
    const ok = reportFailures(result);
    const done = result.done;
    // The engine says which already had the status (their files were left as they are).
    const already = result.unchanged?.length ?? 0;
    const changed = done.length - already;
    const label = t(`status.${status}`);
    if (done.length === 1 && changed === 1) {
      confirmChange(t('toast.statusChangedOne', { label: labelOf(done[0]!), status: label }), result.actionId);
    } else if (changed > 0) {
      confirmChange(
        t('toast.statusSet', { ...count(changed), status: label }),
        result.actionId,
        already > 0 ? t('toast.statusAlready', { ...count(already), status: label }) : undefined,
      );
    } else if (done.length > 0) {
      confirmChange(t('toast.statusAlready', { ...count(already), status: label }), result.actionId);
    }
    return ok;
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
  holdRowOrder();
  try {
    const result = await api().setEmail([ref], email);
    auditChanged();
    const ok = reportFailures(result);
    if (result.done.length > 0) confirmChange(t('toast.emailChanged', { label: labelOf(ref) }), result.actionId);
    return ok;
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
function neighbourOf(id: string, leaving: ReadonlySet<string>): string | null {
  const ids = currentVisibleIds();
  const i = ids.indexOf(id);
  if (i < 0) return null;
  for (let j = i + 1; j < ids.length; j++) if (!leaving.has(ids[j]!)) return ids[j]!;
  for (let j = i - 1; j >= 0; j--) if (!leaving.has(ids[j]!)) return ids[j]!;
  return null;
}

export async function confirmDelete(refs: SessionRef[]): Promise<void> {
  closeDialog();
  const label = labelOf(refs[0]!);
  const selected = useUi.getState().selectedId;
  const app = useUi.getState().selectedApp;
  const leaving = new Set(refs.filter((r) => r.app === app).map((r) => r.id));
  const next = selected && leaving.has(selected) ? neighbourOf(selected, leaving) : undefined;
  try {
    const result = await api().deleteSessions(refs);
    auditChanged();
    reportFailures(result);
    if (next !== undefined && result.done.some((r) => r.id === selected)) selectSession(next);
    if (result.done.length === 0) return;
    const actionId = result.actionId;
    showToast({
      tone: 'info',
      title:
        result.done.length === 1
          ? t('toast.deleted', { label })
          : t('toast.deletedMany', { count: result.done.length }),
      timeoutMs: UNDO_TOAST_MS,
      // Files the OS trash refused (a network share) went to the app's own trash: say where.
      ...(result.appTrash ? { detail: t('toast.movedToAppTrash', { folder: result.appTrash.folder }) } : {}),
      ...(actionId ? { actions: [{ label: t('toast.undo'), run: () => void undo(actionId) }] } : {}),
    });
  } catch (err) {
    reportThrown(err);
  }
}

export async function undo(actionId: string): Promise<void> {
  holdRowOrder();
  try {
    const result = await api().undo(actionId);
    auditChanged();
    if (reportFailures(result) && result.done.length) {
      // Neutral wording: an undo puts back a status, an e-mail or a deleted file.
      showToast({ tone: 'success', title: t('toast.undone', count(result.done.length)), timeoutMs: 4000 });
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
  showToast(
    ok
      ? { tone: 'success', title: t('toast.copiedId'), timeoutMs: 2500 }
      : { tone: 'error', title: t('toast.copyFailed') },
  );
}

/** Copies several session ids, one per line. */
export async function copySessionIds(refs: SessionRef[]): Promise<void> {
  if (refs.length === 1) return copySessionId(refs[0]!);
  const ok = await copyText(refs.map((r) => r.id).join('\n'));
  showToast(
    ok
      ? {
          tone: 'success',
          title: t('toast.copiedIds', count(refs.length)),
          timeoutMs: 2500,
        }
      : { tone: 'error', title: t('toast.copyFailed') },
  );
}

export async function copyPath(path: string): Promise<boolean> {
  const ok = await copyText(path);
  showToast(
    ok
      ? { tone: 'success', title: t('toast.copiedPath'), timeoutMs: 2500 }
      : { tone: 'error', title: t('toast.copyFailed') },
  );
  return ok;
}

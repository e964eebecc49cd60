// The Problems view's actions: reveal a problem file, copy its path, move it to the
// trash with Undo. A file is named by app folder + file name only; the engine resolves
// it, checks it is still listed as a problem and stays inside the folder. The list
// itself changes through the engine's 'problems' events, never here.

import type { ActionResult, Problem, ProblemRef } from '../../../../shared/types';
import { describeError } from '../../lib/errors';
import { openDialog, showToast } from '../../store/ui';
import { auditChanged } from '../activity/audit-actions';
import { copyPath as copyText } from '../sessions/session-actions';
import { api, t } from '../../controller/context';

const UNDO_TOAST_MS = 10_000;

/** An app folder that cannot be read is a problem too (file ""): it has no file to act on. */
export function hasFile(p: Problem): boolean {
  return p.file !== '';
}

/** Codes whose file is never read: Move to trash moves the entry itself to the app's trash. */
export function movedAsEntry(p: Problem): boolean {
  return p.code === 'not-regular' || p.code === 'too-large' || p.code === 'unreadable';
}

function refOf(p: Problem): ProblemRef {
  return { app: p.app, file: p.file };
}

/** Desktop: opens the file manager on the file. Browser: shows the path in a dialog with Copy. */
export async function revealProblem(p: Problem): Promise<void> {
  try {
    const result = await api().revealProblem(refOf(p));
    if (!result.shown) openDialog({ kind: 'reveal', location: result.location });
  } catch (err) {
    showToast({ tone: 'error', title: t('toast.actionFailed'), detail: describeError(t, err) });
  }
}

/** Copies the problem's display path (the engine computed it; nothing is resolved here). */
export function copyProblemPath(p: Problem): Promise<boolean> {
  return copyText(p.location);
}

/** The first failure of an action, as one error toast; true when nothing failed. */
function reportFailure(result: ActionResult, title: string): boolean {
  const first = result.failed[0];
  if (!first) return true;
  showToast({ tone: 'error', title, detail: describeError(t, first.error) });
  return false;
}

/** Moves one problem file to the trash (the user confirmed); the notice carries Undo. */
export async function trashProblem(p: Problem): Promise<boolean> {
  const file = p.file;
  try {
    const result = await api().trashProblems([refOf(p)]);
    auditChanged();
    reportFailure(result, t('problems.trashFailed', { file }));
    if (result.done.length === 0) return false;
    const actionId = result.actionId;
    showToast({
      tone: 'info',
      title: t('problems.trashed', { file }),
      ...(result.appTrash ? { detail: t('toast.movedToAppTrash', { folder: result.appTrash.folder }) } : {}),
      timeoutMs: UNDO_TOAST_MS,
      ...(actionId ? { actions: [{ label: t('toast.undo'), run: () => void undoTrash(actionId, file) }] } : {}),
    });
    return true;
  } catch (err) {
    showToast({ tone: 'error', title: t('problems.trashFailed', { file }), detail: describeError(t, err) });
    return false;
  }
}

export async function undoTrash(actionId: string, file: string): Promise<void> {
  try {
    const result = await api().undo(actionId);
    auditChanged();
    if (reportFailure(result, t('problems.restoreFailed', { file })) && result.done.length > 0) {
      showToast({ tone: 'success', title: t('problems.restored', { file }), timeoutMs: 4000 });
    }
  } catch (err) {
    showToast({ tone: 'error', title: t('problems.restoreFailed', { file }), detail: describeError(t, err) });
  }
}

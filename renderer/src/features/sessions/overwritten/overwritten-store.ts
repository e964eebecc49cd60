// Changes the admin made that another program overwrote before a push (the engine's
// OverwriteTracker): the whole list of the active folder, replaced by each
// 'overwritten' event, and the answers (Apply again, Dismiss).

import { create } from 'zustand';
import type { EngineEvent, OverwrittenChange, SessionRef } from '../../../../../shared/types';
import { describeError } from '../../../lib/errors';
import { showToast } from '../../../store/ui';
import { auditChanged } from '../../activity/audit-actions';
import { api, t } from '../../../controller/context';

export interface OverwrittenStore {
  changes: OverwrittenChange[];
  /** Keys (`app/id`) of the sessions with an overwritten change, for the rows. */
  keys: ReadonlySet<string>;
}

export const useOverwritten = create<OverwrittenStore>(() => ({ changes: [], keys: new Set() }));

export function overwrittenKey(ref: Pick<SessionRef, 'app' | 'id'>): string {
  return `${ref.app}/${ref.id}`;
}

function adopt(changes: OverwrittenChange[]): void {
  useOverwritten.setState({ changes, keys: new Set(changes.map((c) => overwrittenKey(c.ref))) });
}

/** Reads the list (on connect and when the folder changes). */
export async function loadOverwritten(): Promise<void> {
  try {
    adopt(await api().listOverwritten());
  } catch {
    adopt([]); // no folder open
  }
}

export function overwrittenOnEvent(event: EngineEvent): void {
  if (event.type === 'overwritten') {
    adopt(event.sessions);
    auditChanged();
  } else if (event.type === 'changed-after-push') {
    auditChanged();
    showToast({
      tone: 'error',
      title: t('overwritten.afterPush', { count: event.sessions.length }),
      detail: event.sessions.map(describeChange).join('\n'),
    });
  }
}

/** "status set to accepted, the file now says pending" */
export function describeChange(c: OverwrittenChange): string {
  return t('overwritten.change', {
    session: `${c.ref.app}/${c.ref.id}`,
    field: t(`overwritten.field.${c.field}`),
    set: c.set === '' ? t('activity.empty') : c.set,
    now: c.now === null || c.now === '' ? t('activity.empty') : c.now,
  });
}

export async function applyAgain(refs: SessionRef[]): Promise<void> {
  await answer(() => api().reapplyOverwritten(refs));
}

export async function dismiss(refs: SessionRef[]): Promise<void> {
  await answer(() => api().dismissOverwritten(refs));
}

async function answer(call: () => Promise<{ failed: { error: { message: string } }[] }>): Promise<void> {
  try {
    const result = await call();
    if (result.failed.length > 0) {
      showToast({
        tone: 'error',
        title: t('toast.actionFailed'),
        detail: result.failed.map((f) => f.error.message).join('\n'),
      });
    }
  } catch (err) {
    showToast({ tone: 'error', title: t('toast.actionFailed'), detail: describeError(t, err) });
  }
  await loadOverwritten();
  auditChanged();
}

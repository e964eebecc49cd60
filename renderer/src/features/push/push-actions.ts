// Push: preflight first, then the request, never blocking the UI; retry only on demand.

import { dropsSession } from '../../../../shared/session-warnings';
import type { PushResult, PushSettingsInput, PushSettingsView } from '../../../../shared/types';
import { describeError } from '../../lib/errors';
import { usePush } from './push-store';
import { closeDialog, openDialog, showToast, type Toast } from '../../store/ui';
import { useWorkspace } from '../../store/workspace';
import { auditChanged } from '../activity/audit-actions';
import { describeChange, loadOverwritten } from '../sessions/overwritten/overwritten-store';
import { api, t } from '../../controller/context';

/** Push button: checks what the server would drop, asks when something would be, then pushes. */
export async function startPush(): Promise<void> {
  if (usePush.getState().phase !== 'idle') return;
  if (useWorkspace.getState().unpushed === 0) return;
  usePush.setState({ phase: 'checking' });
  try {
    const report = await api().preflight();
    // Advice alone (an odd e-mail…) does not stop a push: only what 4D would drop.
    if (report.issues.some((i) => i.warnings.some(dropsSession)) || (report.overwritten?.length ?? 0) > 0) {
      usePush.setState({ phase: 'idle' });
      openDialog({ kind: 'preflight', report });
      return;
    }
  } catch (err) {
    usePush.setState({ phase: 'idle' });
    showToast({ tone: 'error', title: t('push.failed'), detail: describeError(t, err) });
    return;
  }
  await pushNow();
}

/** Sends the push request (after preflight, "Push anyway", or Retry). */
export async function pushNow(): Promise<void> {
  closeDialog();
  if (usePush.getState().phase === 'pushing') return;
  usePush.setState({ phase: 'pushing' });
  let result: PushResult;
  try {
    result = await api().push();
  } catch (err) {
    result = { outcome: 'network-error', message: describeError(t, err), durationMs: 0 };
  }
  usePush.setState({ phase: 'idle', last: result });
  auditChanged();
  if (result.outcome === 'incomplete') void loadOverwritten();
  showToast(pushToast(result));
}

/** The sentence for each outcome; the server's own message is kept as detail. */
export function pushMessage(result: PushResult): string {
  switch (result.outcome) {
    case 'success':
      return t('push.success');
    case 'not-configured':
      return t('push.notConfigured');
    case 'http-error':
      return t('push.httpError', { status: result.httpStatus ?? '?' });
    case 'unauthorized':
      return t('push.unauthorized');
    case 'timeout':
      return t('push.timeout');
    case 'connection-refused':
      return t('push.connectionRefused');
    case 'tls-error':
      return t('push.tlsError');
    case 'network-error':
      return t('push.networkError');
    case 'incomplete':
      return t('overwritten.incomplete');
  }
}

function pushToast(result: PushResult): Omit<Toast, 'id'> {
  if (result.outcome === 'success') return { tone: 'success', title: pushMessage(result), timeoutMs: 5000 };
  if (result.outcome === 'incomplete') {
    // The server reloaded, but overwritten changes are not on it: never shown as a success.
    return { tone: 'error', title: pushMessage(result), detail: (result.notSeen ?? []).map(describeChange).join('\n') };
  }
  const details = [result.bodyExcerpt ? `“${result.bodyExcerpt.slice(0, 200)}”` : result.message, t('push.changesKept')]
    .filter(Boolean)
    .join('\n');
  const actions = [{ label: t('push.retry'), run: () => void pushNow() }];
  const settings = { label: t('push.openSettings'), run: openPushSettings };
  if (result.outcome === 'not-configured') {
    return { tone: 'error', title: pushMessage(result), detail: t('push.changesKept'), actions: [settings] };
  }
  if (result.outcome === 'unauthorized') {
    return {
      tone: 'error',
      title: t('errors.push-failed', { message: pushMessage(result) }),
      detail: details,
      actions: [settings, ...actions],
    };
  }
  return { tone: 'error', title: t('errors.push-failed', { message: pushMessage(result) }), detail: details, actions };
}

export function openPushSettings(): void {
  usePush.setState({ testResult: null });
  openDialog({ kind: 'push-settings' });
}

export async function loadPushSettings(): Promise<PushSettingsView | null> {
  try {
    return await api().getPushSettings();
  } catch (err) {
    showToast({ tone: 'error', title: t('toast.actionFailed'), detail: describeError(t, err) });
    return null;
  }
}

/** Saves; returns the stored view, or an error message to show in the dialog. */
export async function savePushSettings(
  input: PushSettingsInput,
): Promise<{ view: PushSettingsView } | { error: string }> {
  try {
    const view = await api().setPushSettings(input);
    return { view };
  } catch (err) {
    return { error: describeError(t, err) };
  }
}

export async function testConnection(): Promise<void> {
  usePush.setState({ testing: true, testResult: null });
  let result: PushResult;
  try {
    result = await api().testConnection();
  } catch (err) {
    result = { outcome: 'network-error', message: describeError(t, err), durationMs: 0 };
  }
  usePush.setState({ testing: false, testResult: result });
}

// "A new device is waiting for approval": a toast, and a system notification
// (Web Notification API, which Electron's renderer maps to the OS's) when the
// setting is on. Clicking the notification brings the window forward and
// selects the session.

import { create } from 'zustand';
import { compileFilter } from '../../../../shared/session-filter';
import type { SessionRecord, SessionRef } from '../../../../shared/types';
import { activeFolder } from '../folders/folders-store';
import { selectApp, selectSession, setQuery, resetFilters, showToast, showView, useUi } from '../../store/ui';
import { t } from '../../controller/context';
import { appNameOf } from './app-names';

const PREF_KEY = 'msm.notifications';

function loadPref(): boolean {
  try {
    return globalThis.localStorage?.getItem(PREF_KEY) !== 'off';
  } catch {
    return true;
  }
}

export const useNotifyPref = create<{ enabled: boolean }>(() => ({ enabled: loadPref() }));

export function resetNotifyPref(): void {
  useNotifyPref.setState({ enabled: loadPref() });
}

type NotificationCtor = typeof Notification;

function notificationApi(): NotificationCtor | null {
  const ctor = (globalThis as { Notification?: NotificationCtor }).Notification;
  return typeof ctor === 'function' ? ctor : null;
}

/** Turns system notifications on or off; turning on asks the browser's permission the first time. */
export async function setNotifications(enabled: boolean): Promise<void> {
  useNotifyPref.setState({ enabled });
  try {
    globalThis.localStorage?.setItem(PREF_KEY, enabled ? 'on' : 'off');
  } catch {
    // not remembered; harmless
  }
  const api = notificationApi();
  if (enabled && api && api.permission === 'default') {
    try {
      await api.requestPermission();
    } catch {
      // an old callback-only implementation or a refusal: the toast still shows
    }
  }
}

/** What the system allows: 'unsupported' when the API is missing. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return notificationApi()?.permission ?? 'unsupported';
}

/** Shows the session in its app's table, making sure no filter hides it. */
export function revealSession(ref: SessionRef, record?: SessionRecord): void {
  const ui = useUi.getState();
  if (record) {
    const keep = compileFilter({ status: ui.statusFilter, ...ui.filters, search: ui.query }, Date.now());
    if (!keep(record)) {
      setQuery('');
      resetFilters();
    }
  }
  selectApp(ref.app);
  showView('sessions');
  selectSession(ref.id);
}

function describe(sessions: SessionRecord[]): { title: string; body: string } {
  const first = sessions[0]!;
  const device = first.deviceDescription || first.deviceId || first.id;
  if (sessions.length === 1) {
    return {
      title: t('notify.title'),
      body: t('notify.bodyOne', { device, app: appNameOf(first), email: first.email || t('table.noEmail') }),
    };
  }
  return {
    title: t('notify.titleMany', { count: sessions.length }),
    body: t('notify.bodyMany', { count: sessions.length, device, app: appNameOf(first) }),
  };
}

/** Handles the engine's 'new-pending' event. */
export function onNewPending(sessions: SessionRecord[]): void {
  const pending = sessions.filter((s) => s.status === 'pending');
  if (pending.length === 0) return;
  const first = pending[0]!;
  const ref = { app: first.app, id: first.id };
  // Another open folder's session: the inbox lists it (the table shows the active folder only).
  const elsewhere = first.folder !== undefined && first.folder !== activeFolder()?.id;
  const show = (): void => (pending.length === 1 && !elsewhere ? revealSession(ref, first) : showView('inbox'));
  const { title, body } = describe(pending);
  showToast({
    tone: 'info',
    title,
    detail: body,
    timeoutMs: 8000,
    actions: [{ label: t('notify.review'), run: show }],
  });
  if (!useNotifyPref.getState().enabled) return;
  const api = notificationApi();
  if (!api || api.permission !== 'granted') return;
  try {
    const n = new api(title, { body, tag: `msm-pending-${first.app}-${first.id}` });
    n.onclick = () => {
      window.focus();
      show();
      n.close();
    };
  } catch {
    // some platforms refuse notifications from the page (e.g. Android Chrome): the toast is enough
  }
}

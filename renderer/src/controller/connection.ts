// Connects the stores to the engine: event stream first (so nothing is missed),
// then the current state; keeps the selected app valid and its sessions loaded.

import type { SessionPage, SessionRecord, WorkspaceState } from '../../../shared/types';
import type { SortSpec } from '../store/session-view';
import { prepareShownView } from '../store/view-prepare';
import { EventQueue } from './event-queue';
import { adoptFiltersOf, closeDialog, selectApp, showToast, useUi } from '../store/ui';
import { applyEvent, beginLoad, failLoad, finishLoadPaced, isCurrentLoad, useWorkspace } from '../store/workspace';
import { describeError } from '../lib/errors';
import { auditChanged } from '../features/activity/audit-actions';
import { api, t } from './context';
import { adoptReviewedOf, cancelInboxReload, inboxOnEvent } from '../features/inbox/inbox-actions';
import { onNewPending } from '../features/inbox/notifications';
import { watchSelection } from '../features/sessions/selection-actions';
import { watchTitle } from './title';
import { loadOverwritten, overwrittenOnEvent } from '../features/sessions/overwritten/overwritten-store';

const inFlight = new Map<string, { token: number; promise: Promise<void> }>();

/** Loads (or re-reads) one app's sessions; concurrent calls share one request (while it is still wanted). */
export function loadSessions(app: string): Promise<void> {
  const running = inFlight.get(app);
  if (running && isCurrentLoad(app, running.token)) return running.promise;
  const token = beginLoad(app);
  const promise = fetchListing(app, token)
    .then((list) => (list ? finishLoadPaced(app, list, token, () => shownSortOf(app)) : undefined))
    .catch((err: unknown) => {
      if (isCurrentLoad(app, token)) failLoad(app, describeError(t, err));
    })
    .finally(() => {
      if (inFlight.get(app)?.token === token) inFlight.delete(app);
    });
  inFlight.set(app, { token, promise });
  return promise;
}

/** Sessions per page of a listing: ~0.7 MB of JSON, parsed in a task of ~10–30 ms (5,000 took ~75 ms on a busy 2-core machine). */
export const LISTING_PAGE_SIZE = 2_000;

/** An app's sessions, page by page (one snapshot); null when the load is no longer wanted. */
async function fetchListing(app: string, token: number): Promise<SessionRecord[] | null> {
  const records: SessionRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: SessionPage = await api().listSessionsPage(app, { cursor, size: LISTING_PAGE_SIZE });
    if (!isCurrentLoad(app, token)) return null;
    for (const record of page.records) records.push(record);
    cursor = page.next;
  } while (cursor !== null);
  return records;
}

/** The order the table shows `app` in, when `app` is the one on screen. */
function shownSortOf(app: string): SortSpec | null {
  const { selectedApp, sort } = useUi.getState();
  return selectedApp === app ? sort : null;
}

/** Picks a valid app after the list changed, keeping the current one when it still exists. */
function keepSelectionValid(): void {
  const { apps } = useWorkspace.getState();
  const { selectedApp } = useUi.getState();
  if (selectedApp && apps.some((a) => a.folder === selectedApp)) return;
  const first = apps[0]?.folder ?? null;
  if (first !== selectedApp) useUi.setState({ selectedApp: first, selectedId: null });
}

function ensureSelectedLoaded(): void {
  const app = useUi.getState().selectedApp;
  if (!app) return;
  const ws = useWorkspace.getState();
  if (!ws.sessions.has(app) && !ws.load.has(app) && ws.apps.some((a) => a.folder === app)) void loadSessions(app);
}

/** The engine events not applied yet (event-queue.ts), while connected. */
let queued: EventQueue | null = null;

export function adoptState(state: WorkspaceState): void {
  queued?.flush(); // what the stream said before this state, first
  applyEvent({ type: 'state', state });
}

/** Starts listening; returns a function that stops everything. */
export function connect(): () => void {
  const queue = new EventQueue((event) => {
    try {
      applyEvent(event);
      inboxOnEvent(event);
      overwrittenOnEvent(event);
      if (event.type === 'new-pending') onNewPending(event.sessions);
      else if (event.type === 'unpushed') auditChanged();
    } catch (err) {
      showToast({ tone: 'error', title: t('toast.actionFailed'), detail: describeError(t, err) });
    }
  });
  queued = queue;
  const offEvents = api().onEvent((event) => queue.push(event));
  const offWs = useWorkspace.subscribe((s, prev) => {
    if (s.state?.root !== prev.state?.root) {
      // Filters and reviewed sessions are remembered per folder.
      adoptFiltersOf(s.state?.root ?? null);
      adoptReviewedOf(s.state?.root ?? null);
      void loadOverwritten();
    }
    if (s.apps !== prev.apps) keepSelectionValid();
    if (s.sessions !== prev.sessions || s.load !== prev.load || s.apps !== prev.apps) ensureSelectedLoaded();
    if (s.sessions !== prev.sessions) prepareShownView();
  });
  const offSelection = watchSelection();
  const offTitle = watchTitle();
  const offUi = useUi.subscribe((s, prev) => {
    if (s.selectedApp !== prev.selectedApp) ensureSelectedLoaded();
    if (s.selectedApp !== prev.selectedApp || s.sort !== prev.sort) prepareShownView();
  });
  api()
    .getState()
    .then((state) => {
      adoptState(state);
      keepSelectionValid();
      ensureSelectedLoaded();
    })
    .catch((err: unknown) => {
      showToast({ tone: 'error', title: t('toast.actionFailed'), detail: describeError(t, err) });
    });
  return () => {
    offEvents();
    queue.close();
    if (queued === queue) queued = null;
    offWs();
    offUi();
    offSelection();
    offTitle();
    cancelInboxReload();
  };
}

export async function refresh(): Promise<void> {
  try {
    const state = await api().refresh();
    adoptState(state);
    keepSelectionValid();
    const app = useUi.getState().selectedApp;
    if (app) await loadSessions(app);
  } catch (err) {
    showToast({ tone: 'error', title: t('toast.actionFailed'), detail: describeError(t, err) });
  }
}

export async function openFolder(): Promise<void> {
  closeDialog();
  const ws = useWorkspace.getState().state;
  if (ws?.host === 'browser') {
    useUi.setState({ dialog: { kind: 'browser-folder' }, menu: null });
    return;
  }
  try {
    const state = await api().chooseFolder();
    if (!state) return; // cancelled
    adoptState(state);
    selectFirstApp();
  } catch (err) {
    showToast({ tone: 'error', title: t('toast.actionFailed'), detail: describeError(t, err) });
  }
}

export async function openDemo(): Promise<void> {
  try {
    adoptState(await api().openDemo());
    selectFirstApp();
  } catch (err) {
    showToast({ tone: 'error', title: t('toast.actionFailed'), detail: describeError(t, err) });
  }
}

function selectFirstApp(): void {
  selectApp(useWorkspace.getState().apps[0]?.folder ?? null);
  ensureSelectedLoaded();
}

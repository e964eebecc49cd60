// The approval inbox: reads listPending() (every open folder's pending sessions), keeps
// it live from engine events, and runs Accept / Keep pending / Delete on rows or on the
// inbox's selection. Refs keep the record's folder, so actions reach the right folder.

import type { EngineEvent, SessionRef } from '../../../../shared/types';
import { describeError } from '../../lib/errors';
import { inboxKey, loadReviewed, reviewBase, reviewKey, saveReviewed, useInbox } from './inbox-store';
import { click, extendTo, prune, selectAll, single, type ClickKind } from '../../store/selection';
import { showToast, useUi } from '../../store/ui';
import { useWorkspace } from '../../store/workspace';
import { api, t } from '../../controller/context';
import { labelOf, requestDelete, setStatus } from '../sessions/session-actions';

let running: Promise<void> | null = null;
let again = false;

/** Reads every pending session; overlapping calls collapse into one more read. */
export function loadInbox(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  useInbox.setState({ loading: true });
  running = api()
    .listPending()
    .then((records) => {
      const keys = new Set(records.map(inboxKey));
      const { selection } = useInbox.getState();
      useInbox.setState({ records, loading: false, error: null, selection: prune(selection, keys) });
    })
    .catch((err: unknown) => useInbox.setState({ loading: false, error: describeError(t, err) }))
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        void loadInbox();
      }
    });
  return running;
}

let timer: ReturnType<typeof setTimeout> | null = null;

/** Coalesces bursts of events (a scan, a bulk action) into one read. */
function scheduleReload(): void {
  if (timer) return;
  timer = setTimeout(() => {
    timer = null;
    void loadInbox();
  }, 120);
}

/** Keeps the inbox current while it is shown (and its first read once opened). */
export function inboxOnEvent(event: EngineEvent): void {
  if (useUi.getState().view !== 'inbox') {
    // Not shown: forget the list so opening the view reads a fresh one.
    if (event.type !== 'unpushed' && useInbox.getState().records) useInbox.setState({ records: null });
    return;
  }
  // 'folders': another open folder's pending count changed (an edit, an undo, a share gone or back).
  if (event.type === 'sessions' || event.type === 'new-pending' || event.type === 'state' || event.type === 'folders')
    scheduleReload();
}

export function cancelInboxReload(): void {
  if (timer) clearTimeout(timer);
  timer = null;
}

/** The reviewed set follows the open folder. */
export function adoptReviewedOf(root: string | null): void {
  if (useInbox.getState().reviewedRoot === root) return;
  useInbox.setState({
    reviewedRoot: root,
    reviewed: loadReviewed(root),
    records: null,
    selection: prune(useInbox.getState().selection, new Set()),
  });
}

export function inboxClick(key: string, order: readonly string[], kind: ClickKind): void {
  useInbox.setState((s) => ({ selection: click(s.selection, order, key, kind) }));
}

/** The keyboard moved to row `index`: it becomes the one selected row, or Shift extends the selection to it. */
export function inboxMoveTo(order: readonly string[], index: number, extend: boolean, cursorOnly = false): void {
  const key = order[index];
  if (key === undefined) return;
  useInbox.setState((s) => {
    if (cursorOnly) return { selection: { ...s.selection, current: key, anchor: s.selection.anchor ?? key } };
    return { selection: extend ? extendTo(s.selection, order, key) : single(key) };
  });
}

/** Space: checks the current row (the arrows' plain selection becomes a checked one), or unchecks it. */
export function inboxToggle(key: string, order: readonly string[]): void {
  useInbox.setState((s) => {
    if (!s.selection.multi) return { selection: { ids: new Set([key]), current: key, anchor: key, multi: true } };
    return { selection: click(s.selection, order, key, 'toggle') };
  });
}

export function inboxSelectAll(order: readonly string[]): void {
  useInbox.setState((s) => ({ selection: selectAll(s.selection, order) }));
}

export function inboxClearSelection(): void {
  useInbox.setState((s) => ({ selection: prune(s.selection, new Set()) }));
}

export async function acceptPending(refs: SessionRef[]): Promise<void> {
  if (await setStatus(refs, 'accepted')) void loadInbox();
}

export function deletePending(refs: SessionRef[]): void {
  requestDelete(refs);
}

/** Keep pending: marks the sessions as seen, so the inbox shows them apart until their file changes. */
export function keepPending(refs: SessionRef[]): void {
  const { records, reviewed, reviewedRoot } = useInbox.getState();
  if (!records) return;
  const wanted = new Set(refs.map(inboxKey));
  const next = new Set(reviewed);
  for (const r of records) if (wanted.has(inboxKey(r))) next.add(reviewKey(r));
  saveReviewed(reviewedRoot ?? useWorkspace.getState().state?.root ?? null, next);
  useInbox.setState((s) => ({ reviewed: next, selection: prune(s.selection, new Set()) }));
  // Like every change, it confirms with Undo (it only changes what this app remembers, not the files).
  showToast({
    tone: 'success',
    title:
      refs.length === 1
        ? t('inbox.keptOne', { label: labelOf(refs[0]!) })
        : t('inbox.keptMany', { count: refs.length }),
    timeoutMs: 10_000,
    actions: [{ label: t('toast.undo'), run: () => undoKeepPending(refs) }],
  });
}

export function undoKeepPending(refs: SessionRef[]): void {
  const { records, reviewed, reviewedRoot } = useInbox.getState();
  if (!records) return;
  const keys = new Set(refs.map(inboxKey));
  const wanted = new Set(records.filter((r) => keys.has(inboxKey(r))).map(reviewBase));
  const next = new Set([...reviewed].filter((k) => !wanted.has(k.slice(0, k.lastIndexOf('@')))));
  saveReviewed(reviewedRoot, next);
  useInbox.setState({ reviewed: next });
}

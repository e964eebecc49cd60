// Selection in the sessions table: clicks with modifiers, Shift+arrows, Select All,
// and keeping the selection true to the list (rows that vanish or get filtered out
// leave it), so a bulk action never touches a row the user cannot see.

import type { SessionRef } from '../../../../shared/types';
import type { AppSessions } from '../../store/session-index';
import { click, extendTo, prune, selectAll, type ClickKind, type Selection } from '../../store/selection';
import { setSelection, useUi } from '../../store/ui';
import { currentVisibleIds, currentVisibleTest } from '../../store/visible';
import { useWorkspace } from '../../store/workspace';

export function clickRow(id: string, kind: ClickKind): void {
  setSelection(click(useUi.getState().selection, currentVisibleIds(), id, kind));
}

export function extendSelectionTo(id: string): void {
  setSelection(extendTo(useUi.getState().selection, currentVisibleIds(), id));
}

/** Cmd/Ctrl+A and the header checkbox: every row of the filtered view. */
export function selectAllVisible(): void {
  setSelection(selectAll(useUi.getState().selection, currentVisibleIds()));
}

/** The rows a bulk action applies to: the built selection, else the current row. */
export function selectedRefs(): SessionRef[] {
  const { selectedApp, selection, selectedId, view } = useUi.getState();
  if (view !== 'sessions' || !selectedApp) return [];
  if (selection.multi && selection.ids.size > 0) {
    const order = currentVisibleIds();
    return order.filter((id) => selection.ids.has(id)).map((id) => ({ app: selectedApp, id }));
  }
  return selectedId ? [{ app: selectedApp, id: selectedId }] : [];
}

/**
 * The rows a context menu on `target` acts on: the whole selection when the row is
 * part of a selection of several (Finder's rule), else the row alone.
 */
export function menuRefs(target: SessionRef): SessionRef[] {
  const { selectedApp, selection } = useUi.getState();
  if (target.app === selectedApp && selection.ids.size > 1 && selection.ids.has(target.id)) {
    const refs = selectedRefs();
    if (refs.length > 0) return refs;
  }
  return [target];
}

/**
 * The selection last checked against the visible rows, with the sessions it was checked
 * against: it then holds only rows of that list, so after a live change only the rows the
 * change touched can have left it (a bulk action on 20,000 rows sends many changes, and
 * a set of every visible id per change would cost milliseconds each).
 */
let checked: { app: string; sessions: AppSessions; selection: Selection } | null = null;

function remember(selection: Selection): void {
  const app = useUi.getState().selectedApp;
  const sessions = app ? useWorkspace.getState().sessions.get(app) : undefined;
  checked = app && sessions && selection.ids.size > 0 ? { app, sessions, selection } : null;
}

/** Keeps only the selected rows that are visible: checks every one. */
function pruneNow(): void {
  const { selection } = useUi.getState();
  if (selection.ids.size === 0) {
    checked = null;
    return;
  }
  const next = prune(selection, new Set(currentVisibleIds()));
  setSelection(next);
  remember(next);
}

/** After the sessions changed: checks only the rows the change touched, when the selection was checked just before it. */
function pruneAfterChange(): void {
  const { selection, selectedApp, filters } = useUi.getState();
  if (selection.ids.size === 0) {
    checked = null;
    return;
  }
  const s = selectedApp ? useWorkspace.getState().sessions.get(selectedApp) : undefined;
  const was = checked;
  // An age filter moves with the clock: rows nobody changed can leave the list.
  if (!s || !was || was.app !== selectedApp || was.selection !== selection || filters.olderThanDays !== undefined)
    return pruneNow();
  if (was.sessions === s) return;
  const change = s.lastChange;
  if (s.gen !== was.sessions.gen || !change || change.fromRev !== was.sessions.rev) return pruneNow();
  const concerns = (id: string) => selection.ids.has(id) || id === selection.current || id === selection.anchor;
  const touched = [...change.upserted.filter(concerns), ...change.removed.filter(concerns)];
  let gone: Set<string> | null = null;
  if (touched.length > 0) {
    const visible = currentVisibleTest();
    for (const id of touched) if (!visible(id)) (gone ??= new Set()).add(id);
  }
  const next = gone ? prune(selection, everyBut(gone)) : selection;
  setSelection(next);
  checked = { app: s.app, sessions: s, selection: next };
}

/** The visible rows as `prune` asks about them: every row the selection holds but `gone`. */
function everyBut(gone: ReadonlySet<string>): ReadonlySet<string> {
  return { has: (id: string) => !gone.has(id) } as ReadonlySet<string>;
}

/** Prunes the selection whenever the rows or the filters change; returns the unsubscribe function. */
export function watchSelection(): () => void {
  const offWs = useWorkspace.subscribe((s, prev) => {
    if (s.sessions !== prev.sessions) pruneAfterChange();
  });
  const offUi = useUi.subscribe((s, prev) => {
    if (s.query !== prev.query || s.statusFilter !== prev.statusFilter || s.filters !== prev.filters) pruneNow();
  });
  return () => {
    offWs();
    offUi();
  };
}

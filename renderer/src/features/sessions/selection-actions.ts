// Selection in the sessions table: clicks with modifiers, Shift+arrows, Select All,
// and keeping the selection true to the list (rows that vanish or get filtered out
// leave it), so a bulk action never touches a row the user cannot see.

import type { SessionRef } from '../../../../shared/types';
import { click, extendTo, prune, selectAll, type ClickKind } from '../../store/selection';
import { setSelection, useUi } from '../../store/ui';
import { currentVisibleIds } from '../../store/visible';
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

function pruneNow(): void {
  const { selection } = useUi.getState();
  if (selection.ids.size === 0) return;
  setSelection(prune(selection, new Set(currentVisibleIds())));
}

/** Prunes the selection whenever the rows or the filters change; returns the unsubscribe function. */
export function watchSelection(): () => void {
  const offWs = useWorkspace.subscribe((s, prev) => {
    if (s.sessions !== prev.sessions) pruneNow();
  });
  const offUi = useUi.subscribe((s, prev) => {
    if (s.query !== prev.query || s.statusFilter !== prev.statusFilter || s.filters !== prev.filters) pruneNow();
  });
  return () => {
    offWs();
    offUi();
  };
}

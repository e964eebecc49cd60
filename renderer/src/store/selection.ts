// Multiple selection in a list, as desktop apps do it: click selects one, Shift
// extends a range from the anchor, Cmd/Ctrl toggles one, Select All takes every
// visible row. Pure functions over the visible order, so the sessions table and
// the approval inbox share the same rules.

export interface Selection {
  /** Every selected id. */
  ids: ReadonlySet<string>;
  /** The row the keyboard is on (shown in the details panel); null when none. */
  current: string | null;
  /** Where a Shift range starts. */
  anchor: string | null;
  /** True once the user built a selection (Shift/Cmd/Ctrl, checkbox, Select All): the selection bar shows. */
  multi: boolean;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), current: null, anchor: null, multi: false };

export type ClickKind = 'plain' | 'range' | 'toggle';

/** The kind of click, from the modifier keys (Cmd on a Mac, Ctrl elsewhere; both accepted). */
export function clickKind(e: { shiftKey: boolean; metaKey: boolean; ctrlKey: boolean }): ClickKind {
  if (e.shiftKey) return 'range';
  if (e.metaKey || e.ctrlKey) return 'toggle';
  return 'plain';
}

export function single(id: string | null): Selection {
  return id === null ? EMPTY_SELECTION : { ids: new Set([id]), current: id, anchor: id, multi: false };
}

/** The ids between two rows of the visible order, both included. */
function rangeOf(order: readonly string[], from: string | null, to: string): string[] {
  const j = order.indexOf(to);
  const i = from === null ? -1 : order.indexOf(from);
  if (j < 0) return [to];
  if (i < 0) return [to];
  return order.slice(Math.min(i, j), Math.max(i, j) + 1);
}

export function click(sel: Selection, order: readonly string[], id: string, kind: ClickKind): Selection {
  switch (kind) {
    case 'plain':
      return single(id);
    case 'range': {
      const anchor = sel.anchor ?? sel.current ?? id;
      return { ids: new Set(rangeOf(order, anchor, id)), current: id, anchor, multi: true };
    }
    case 'toggle': {
      const ids = new Set(sel.ids);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      return { ids, current: ids.has(id) ? id : sel.current !== id ? sel.current : null, anchor: id, multi: true };
    }
  }
}

/** Shift+arrow: the range from the anchor to the new current row. */
export function extendTo(sel: Selection, order: readonly string[], id: string): Selection {
  const anchor = sel.anchor ?? sel.current ?? id;
  return { ids: new Set(rangeOf(order, anchor, id)), current: id, anchor, multi: true };
}

export function selectAll(sel: Selection, order: readonly string[]): Selection {
  if (order.length === 0) return EMPTY_SELECTION;
  const current = sel.current !== null && order.includes(sel.current) ? sel.current : order[0]!;
  return { ids: new Set(order), current, anchor: sel.anchor ?? current, multi: true };
}

/** Keeps only ids that are still visible; the same object when nothing changed. */
export function prune(sel: Selection, visible: ReadonlySet<string>): Selection {
  let changed = false;
  for (const id of sel.ids) if (!visible.has(id)) changed = true;
  const currentGone = sel.current !== null && !visible.has(sel.current);
  if (!changed && !currentGone) return sel;
  const ids = new Set([...sel.ids].filter((id) => visible.has(id)));
  const current = currentGone ? null : sel.current;
  const anchor = sel.anchor !== null && visible.has(sel.anchor) ? sel.anchor : current;
  return { ids, current, anchor, multi: sel.multi && ids.size > 0 };
}

/** "all" when every visible row is selected, "some", or "none" (for the header checkbox). */
export function coverage(sel: Selection, order: readonly string[]): 'all' | 'some' | 'none' {
  if (order.length === 0 || sel.ids.size === 0) return 'none';
  let n = 0;
  for (const id of order) if (sel.ids.has(id)) n++;
  return n === order.length ? 'all' : n > 0 ? 'some' : 'none';
}

/** Selected ids in the visible order. */
export function orderedSelection(sel: Selection, order: readonly string[]): string[] {
  if (sel.ids.size === 0) return [];
  return order.filter((id) => sel.ids.has(id));
}

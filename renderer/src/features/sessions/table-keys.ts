// What a key pressed on the sessions grid means, as data: the grid's handler asks
// `tableCommand` and runs the answer. Pure (no DOM, no stores) so every key's
// meaning is unit-tested without rendering the table.

/** The parts of a keyboard event the mapping reads (a React or DOM KeyboardEvent fits). */
export interface TableKey {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The grid's state the mapping needs. */
export interface TableKeyContext {
  /** Index of the current row among the visible rows, -1 when none. */
  selectedIndex: number;
  rowCount: number;
  /** Rows a page key moves by (from the scroller's height). */
  pageRows: number;
  /** A multiple selection (check boxes) is active. */
  multi: boolean;
  /** There is a current row (its session can be acted on). */
  hasCurrent: boolean;
}

export type TableCommand =
  | { kind: 'select-all' }
  /** Make row `index` current; `extend` grows the selection to it (Shift). */
  | { kind: 'move'; index: number; extend: boolean }
  | { kind: 'clear-selection' }
  | { kind: 'focus-details' }
  | { kind: 'toggle-status' }
  /** Ask to delete the selection (the runner reads it; nothing selected: nothing happens). */
  | { kind: 'delete' }
  | { kind: 'open-menu' }
  /** The key is the grid's, but there is nothing to act on now (no row): swallow it. */
  | { kind: 'none' };

/** The command for a key, or null when the key is not the grid's (the browser keeps it). */
export function tableCommand(e: TableKey, ctx: TableKeyContext): TableCommand | null {
  if ((e.metaKey || e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a')
    return { kind: 'select-all' };
  if (e.metaKey || e.ctrlKey || e.altKey) return null;
  const move = moveTarget(e.key, ctx);
  if (move !== null)
    return ctx.rowCount === 0
      ? { kind: 'none' }
      : { kind: 'move', index: clamp(move, ctx.rowCount), extend: e.shiftKey };
  switch (e.key) {
    case 'Escape':
      // Without a multiple selection Escape is not ours (a dialog or the window may want it).
      return ctx.multi ? { kind: 'clear-selection' } : null;
    case 'Enter':
      return ctx.hasCurrent ? { kind: 'focus-details' } : { kind: 'none' };
    case ' ':
      return ctx.hasCurrent ? { kind: 'toggle-status' } : { kind: 'none' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    case 'F10':
      if (!e.shiftKey) return null; // plain F10 belongs to the window's menu bar
      return ctx.hasCurrent ? { kind: 'open-menu' } : { kind: 'none' };
    case 'ContextMenu':
      return ctx.hasCurrent ? { kind: 'open-menu' } : { kind: 'none' };
    default:
      return null;
  }
}

/** The unclamped row a navigation key goes to, or null for other keys. */
function moveTarget(key: string, { selectedIndex, rowCount, pageRows }: TableKeyContext): number | null {
  switch (key) {
    case 'ArrowDown':
      return selectedIndex < 0 ? 0 : selectedIndex + 1;
    case 'ArrowUp':
      return selectedIndex < 0 ? 0 : selectedIndex - 1;
    case 'PageDown':
      return selectedIndex + pageRows;
    case 'PageUp':
      return selectedIndex - pageRows;
    case 'Home':
      return 0;
    case 'End':
      return rowCount - 1;
    default:
      return null;
  }
}

function clamp(index: number, rowCount: number): number {
  return Math.max(0, Math.min(rowCount - 1, index));
}

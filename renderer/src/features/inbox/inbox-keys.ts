// What a key pressed on the inbox grid means, as data (pure, unit-tested). The grid is
// one Tab stop (aria-activedescendant names the current row), so 270 rows cost one Tab,
// not three per row: arrows move, Shift+arrows extend, Space toggles the check box,
// Enter opens the session in its app's table, Delete asks to delete.

export interface InboxKey {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export type InboxCommand =
  | { kind: 'move'; index: number; extend: boolean }
  | { kind: 'toggle' }
  | { kind: 'open' }
  | { kind: 'delete' }
  | { kind: 'none' };

/** The command for a key; null when the key is not the grid's (Tab, Escape, Ctrl+A go on). */
export function inboxCommand(e: InboxKey, current: number, rowCount: number, pageRows: number): InboxCommand | null {
  if (e.metaKey || e.ctrlKey || e.altKey) return null;
  const target = moveTarget(e.key, current, rowCount, pageRows);
  if (target !== null) {
    if (rowCount === 0) return { kind: 'none' };
    return { kind: 'move', index: Math.max(0, Math.min(rowCount - 1, target)), extend: e.shiftKey };
  }
  const hasCurrent = current >= 0 && current < rowCount;
  switch (e.key) {
    case ' ':
      return hasCurrent ? { kind: 'toggle' } : { kind: 'none' };
    case 'Enter':
      return hasCurrent ? { kind: 'open' } : { kind: 'none' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    default:
      return null;
  }
}

function moveTarget(key: string, current: number, rowCount: number, pageRows: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : current + 1;
    case 'ArrowUp':
      return current < 0 ? 0 : current - 1;
    case 'PageDown':
      return Math.max(current, 0) + pageRows;
    case 'PageUp':
      return current - pageRows;
    case 'Home':
      return 0;
    case 'End':
      return rowCount - 1;
    default:
      return null;
  }
}

import { describe, expect, it } from 'vitest';
import { tableCommand, type TableKey, type TableKeyContext } from './table-keys';

const ctx: TableKeyContext = { selectedIndex: 5, rowCount: 100, pageRows: 10, multi: false, hasCurrent: true };
const key = (k: string, mods: Partial<TableKey> = {}): TableKey => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('tableCommand', () => {
  it('selects all visible rows on Ctrl+A and Cmd+A (either case), not with Shift or Alt', () => {
    expect(tableCommand(key('a', { ctrlKey: true }), ctx)).toEqual({ kind: 'select-all' });
    expect(tableCommand(key('A', { metaKey: true }), ctx)).toEqual({ kind: 'select-all' });
    expect(tableCommand(key('a', { ctrlKey: true, shiftKey: true }), ctx)).toBeNull();
    expect(tableCommand(key('a', { ctrlKey: true, altKey: true }), ctx)).toBeNull();
  });

  it('leaves other modified keys to the browser', () => {
    expect(tableCommand(key('ArrowDown', { ctrlKey: true }), ctx)).toBeNull();
    expect(tableCommand(key('Delete', { metaKey: true }), ctx)).toBeNull();
    expect(tableCommand(key('Home', { altKey: true }), ctx)).toBeNull();
  });

  it('moves by one, a page, or to either end, clamped to the rows', () => {
    expect(tableCommand(key('ArrowDown'), ctx)).toEqual({ kind: 'move', index: 6, extend: false });
    expect(tableCommand(key('ArrowUp'), ctx)).toEqual({ kind: 'move', index: 4, extend: false });
    expect(tableCommand(key('PageDown'), ctx)).toEqual({ kind: 'move', index: 15, extend: false });
    expect(tableCommand(key('PageUp'), ctx)).toEqual({ kind: 'move', index: 0, extend: false });
    expect(tableCommand(key('Home'), ctx)).toEqual({ kind: 'move', index: 0, extend: false });
    expect(tableCommand(key('End'), ctx)).toEqual({ kind: 'move', index: 99, extend: false });
    expect(tableCommand(key('PageDown'), { ...ctx, selectedIndex: 95 })).toEqual({
      kind: 'move',
      index: 99,
      extend: false,
    });
  });

  it('starts at the first row when none is current; Shift extends the selection', () => {
    const none = { ...ctx, selectedIndex: -1, hasCurrent: false };
    expect(tableCommand(key('ArrowDown'), none)).toEqual({ kind: 'move', index: 0, extend: false });
    expect(tableCommand(key('ArrowUp'), none)).toEqual({ kind: 'move', index: 0, extend: false });
    expect(tableCommand(key('ArrowDown', { shiftKey: true }), ctx)).toEqual({ kind: 'move', index: 6, extend: true });
    expect(tableCommand(key('End', { shiftKey: true }), ctx)).toEqual({ kind: 'move', index: 99, extend: true });
  });

  it('swallows navigation keys on an empty grid', () => {
    expect(tableCommand(key('ArrowDown'), { ...ctx, rowCount: 0, selectedIndex: -1 })).toEqual({ kind: 'none' });
  });

  it('Escape clears a multiple selection, and is not the grid’s otherwise', () => {
    expect(tableCommand(key('Escape'), { ...ctx, multi: true })).toEqual({ kind: 'clear-selection' });
    expect(tableCommand(key('Escape'), ctx)).toBeNull();
  });

  it('Enter opens the details, Space toggles the status, both only with a current row', () => {
    expect(tableCommand(key('Enter'), ctx)).toEqual({ kind: 'focus-details' });
    expect(tableCommand(key(' '), ctx)).toEqual({ kind: 'toggle-status' });
    expect(tableCommand(key('Enter'), { ...ctx, hasCurrent: false })).toEqual({ kind: 'none' });
    expect(tableCommand(key(' '), { ...ctx, hasCurrent: false })).toEqual({ kind: 'none' });
  });

  it('Delete and Backspace ask to delete the selection', () => {
    expect(tableCommand(key('Delete'), ctx)).toEqual({ kind: 'delete' });
    expect(tableCommand(key('Backspace'), { ...ctx, hasCurrent: false })).toEqual({ kind: 'delete' });
  });

  it('the Menu key and Shift+F10 open the context menu; plain F10 is the window’s', () => {
    expect(tableCommand(key('ContextMenu'), ctx)).toEqual({ kind: 'open-menu' });
    expect(tableCommand(key('F10', { shiftKey: true }), ctx)).toEqual({ kind: 'open-menu' });
    expect(tableCommand(key('F10'), ctx)).toBeNull();
    expect(tableCommand(key('ContextMenu'), { ...ctx, hasCurrent: false })).toEqual({ kind: 'none' });
  });

  it('ignores every other key', () => {
    expect(tableCommand(key('x'), ctx)).toBeNull();
    expect(tableCommand(key('Tab'), ctx)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { inboxCommand } from './inbox-keys';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean }> = {}) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('inbox keys', () => {
  it('arrows move within the rows, Shift extends', () => {
    expect(inboxCommand(key('ArrowDown'), -1, 5, 3)).toEqual({ kind: 'move', index: 0, extend: false });
    expect(inboxCommand(key('ArrowDown'), 4, 5, 3)).toEqual({ kind: 'move', index: 4, extend: false });
    expect(inboxCommand(key('ArrowUp', { shiftKey: true }), 2, 5, 3)).toEqual({ kind: 'move', index: 1, extend: true });
    expect(inboxCommand(key('End'), 0, 5, 3)).toEqual({ kind: 'move', index: 4, extend: false });
    expect(inboxCommand(key('PageDown'), 0, 5, 3)).toEqual({ kind: 'move', index: 3, extend: false });
  });

  it('Space toggles, Enter opens, Delete deletes; Tab and Ctrl keys are not the grid’s', () => {
    expect(inboxCommand(key(' '), 1, 5, 3)).toEqual({ kind: 'toggle' });
    expect(inboxCommand(key(' '), -1, 5, 3)).toEqual({ kind: 'none' });
    expect(inboxCommand(key('Enter'), 1, 5, 3)).toEqual({ kind: 'open' });
    expect(inboxCommand(key('Delete'), 1, 5, 3)).toEqual({ kind: 'delete' });
    expect(inboxCommand(key('Tab'), 1, 5, 3)).toBeNull();
    expect(inboxCommand(key('a', { ctrlKey: true }), 1, 5, 3)).toBeNull();
  });
});

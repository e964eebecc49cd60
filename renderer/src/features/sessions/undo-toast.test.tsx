// @vitest-environment jsdom
// Every change confirms with a toast carrying Undo: a single status change (Space), an
// e-mail edit, inbox Accept and Keep pending — not only bulk actions.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, settle, cleanUpAfterEachTest } from '../../test/render-app';
import { confirmDelete, setEmail } from './session-actions';
import { useWorkspace } from '../../store/workspace';

cleanUpAfterEachTest();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';

function toastWith(text: string): HTMLElement {
  const toast = screen.getAllByTestId('toast').find((t) => t.textContent?.includes(text));
  if (!toast) throw new Error(`no toast with "${text}"`);
  return toast;
}

describe('Undo after every change', () => {
  it('Space on a row: a toast names the device and its Undo reverts the one change', async () => {
    const { client } = await renderApp();
    const table = screen.getByTestId('sessions-table');
    fireEvent.keyDown(table, { key: 'ArrowDown' });
    await settle(() => fireEvent.keyDown(table, { key: ' ' }));
    expect(client.callsOf('setStatus')).toHaveLength(1);
    const toast = toastWith('set to');
    await settle(() => fireEvent.click(within(toast).getByRole('button', { name: 'Undo' })));
    expect(client.callsOf('undo')).toHaveLength(1);
  });

  it('an e-mail edit confirms with Undo', async () => {
    const { client } = await renderApp();
    await settle(() =>
      setEmail({ app: IOS, id: 'a1c0ffee00000000000000000000000000000001' }, 'new.person@example.com'),
    );
    expect(client.callsOf('setEmail')).toHaveLength(1);
    expect(within(toastWith('E-mail of')).getByRole('button', { name: 'Undo' })).toBeTruthy();
  });

  it('inbox: Keep pending confirms with Undo, and the grid is one Tab stop driven by the keyboard', async () => {
    await renderApp();
    await settle(() => fireEvent.click(screen.getByTestId('inbox-item')));
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(2));
    const grid = screen.getByTestId('inbox-grid');
    expect(grid.getAttribute('tabindex')).toBe('0');
    for (const b of within(grid).getAllByRole('button')) expect(b.getAttribute('tabindex')).toBe('-1');
    fireEvent.focus(grid);
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: ' ' });
    fireEvent.keyDown(grid, { key: 'ArrowUp', shiftKey: true });
    expect(screen.getByTestId('selection-count').textContent).toBe('2 selected');
    await settle(() => fireEvent.click(within(screen.getByTestId('selection-bar')).getByTestId('bulk-keep')));
    const toast = toastWith('kept pending');
    fireEvent.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('inbox-row').every((r) => r.getAttribute('data-kept') === 'false')).toBe(true),
    );
  });
  it('an Undo says what it did in words that fit every kind of change', async () => {
    await renderApp();
    const first = [...useWorkspace.getState().sessions.get(IOS)!.records.values()][0]!;
    await settle(() => confirmDelete([{ app: first.app, id: first.id }]));
    await settle(() => fireEvent.click(within(toastWith('Moved')).getByRole('button', { name: 'Undo' })));
    // Not "Restored 1 session." for a status put back: one wording for a status, an e-mail or a file.
    await waitFor(() => expect(toastWith('Undone: 1 session is back as it was.')).toBeTruthy());
  });
});

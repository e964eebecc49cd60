// @vitest-environment jsdom
// Selecting rows in the sessions table (click, Shift, Cmd/Ctrl, keys, the header box) and acting on the selection at once.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useUi } from '../../store/ui';
import {
  renderApp,
  rowDevices,
  selectedDevices,
  sessionRow,
  settle,
  sortByDevice,
  cleanUpAfterEachTest,
} from '../../test/render-app';

cleanUpAfterEachTest();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';

describe('selection', () => {
  it('click selects one, Shift-click a range, Cmd/Ctrl-click toggles, Shift+arrows extend', async () => {
    await renderApp();
    await sortByDevice();
    fireEvent.mouseDown(sessionRow('iPad Air'));
    expect(selectedDevices()).toEqual(['iPad Air']);
    expect(screen.queryByTestId('selection-bar')).toBeNull();
    fireEvent.mouseDown(sessionRow('iPhone 15 Pro'), { shiftKey: true });
    expect(selectedDevices()).toEqual(['iPad Air', 'iPhone 9', 'iPhone 15 Pro']);
    expect(screen.getByTestId('selection-count').textContent).toBe('3 selected');
    fireEvent.mouseDown(sessionRow('iPhone 9'), { metaKey: true });
    expect(selectedDevices()).toEqual(['iPad Air', 'iPhone 15 Pro']);
    fireEvent.mouseDown(sessionRow('iPhone 9'), { ctrlKey: true });
    expect(selectedDevices()).toHaveLength(3);
    // A plain click collapses to one row; Shift+ArrowDown extends from it.
    fireEvent.mouseDown(sessionRow('iPad Air'));
    const table = screen.getByTestId('sessions-table');
    fireEvent.keyDown(table, { key: 'ArrowDown', shiftKey: true });
    expect(selectedDevices()).toEqual(['iPad Air', 'iPhone 9']);
    fireEvent.keyDown(table, { key: 'Escape' });
    expect(selectedDevices()).toEqual(['iPhone 9']);
  });

  it('Cmd/Ctrl+A and the header box select only the visible (filtered) rows', async () => {
    await renderApp();
    fireEvent.change(screen.getByTestId('search'), { target: { value: 'iphone' } });
    expect(rowDevices().sort()).toEqual(['iPhone 15 Pro', 'iPhone 9']);
    fireEvent.keyDown(screen.getByTestId('sessions-table'), { key: 'a', ctrlKey: true });
    expect(screen.getByTestId('selection-count').textContent).toBe('2 selected');
    expect([...useUi.getState().selection.ids].sort()).toEqual([
      'a1c0ffee00000000000000000000000000000001',
      'c3c0ffee00000000000000000000000000000003',
    ]);
    // Narrowing the view drops the rows it hides from the selection.
    fireEvent.change(screen.getByTestId('search'), { target: { value: 'iphone 15' } });
    expect(screen.getByTestId('selection-count').textContent).toBe('1 selected');
    fireEvent.change(screen.getByTestId('search'), { target: { value: '' } });
    fireEvent.click(within(screen.getByTestId('status-filter')).getByRole('radio', { name: 'Accepted' }));
    fireEvent.click(screen.getByTestId('select-all'));
    expect(screen.getByTestId('selection-count').textContent).toBe('2 selected');
    expect(selectedDevices().sort()).toEqual(['iPhone 15 Pro', 'iPhone 9']);
  });

  it('drops selected rows that vanish from disk and keeps the others', async () => {
    const { client } = await renderApp();
    fireEvent.keyDown(screen.getByTestId('sessions-table'), { key: 'a', metaKey: true });
    expect(screen.getByTestId('selection-count').textContent).toBe('3 selected');
    await settle(() => client.removeExternal({ app: IOS, id: 'c3c0ffee00000000000000000000000000000003' }));
    expect(screen.getByTestId('selection-count').textContent).toBe('2 selected');
  });

  it('bulk Accept is one setStatus call with every ref, and one Undo reverts it', async () => {
    const { client } = await renderApp();
    fireEvent.keyDown(screen.getByTestId('sessions-table'), { key: 'a', ctrlKey: true });
    await settle(() => fireEvent.click(screen.getByTestId('bulk-hold')));
    expect(client.callsOf('setStatus')).toHaveLength(1);
    expect((client.callsOf('setStatus')[0]![0] as unknown[]).length).toBe(3);
    expect(screen.getByTestId('unpushed-count').textContent).toBe('1');
    // One of the three was pending already (its file is left as it is): the notice says so.
    const toast = screen.getAllByTestId('toast').find((t) => t.textContent?.includes('2 sessions set to Pending.'))!;
    expect(toast.textContent).toContain('1 session was already Pending.');
    await settle(() => fireEvent.click(within(toast).getByRole('button', { name: 'Undo' })));
    expect(client.callsOf('undo')).toEqual([['action-1']]);
  });
});

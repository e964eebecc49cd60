// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HostPlatform } from '../../../../shared/types';
import { renderApp, settle, cleanUpAfterEachTest } from '../../test/render-app';

cleanUpAfterEachTest();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';

async function openMenuOnFirstRow() {
  const row = screen.getAllByTestId('session-row')[0]!;
  await settle(() => fireEvent.contextMenu(row, { clientX: 100, clientY: 100 }));
  return { row, menu: screen.getByTestId('context-menu') };
}

describe('context menu', () => {
  const labels: [HostPlatform, string][] = [
    ['darwin', 'Reveal in Finder'],
    ['win32', 'Show in Explorer'],
    ['linux', 'Show in Folder'],
    ['browser', 'Show file path'],
  ];
  for (const [host, label] of labels) {
    it(`names the reveal item "${label}" on ${host}`, async () => {
      await renderApp({ host });
      const { menu } = await openMenuOnFirstRow();
      expect(menu.getAttribute('role')).toBe('menu');
      const names = within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent);
      expect(names).toEqual([label, 'Copy session id', 'Accept', 'Hold', 'Delete…']);
    });
  }

  it('in browser mode shows the returned path in a dialog with Copy', async () => {
    const { client } = await renderApp({ host: 'browser' });
    const { row, menu } = await openMenuOnFirstRow();
    await settle(() => fireEvent.click(within(menu).getByRole('menuitem', { name: 'Show file path' })));
    const id = row.getAttribute('data-id')!;
    expect(client.callsOf('reveal')).toEqual([[{ app: IOS, id }]]);
    const dialog = screen.getByTestId('reveal-dialog');
    expect((within(dialog).getByTestId('reveal-location') as HTMLInputElement).value).toBe(
      `/srv/4d/Data/MobileApps/${IOS}/${id}`,
    );
    expect(within(dialog).getByRole('button', { name: /Copy/ })).toBeTruthy();
    expect(screen.queryByTestId('context-menu')).toBeNull();
  });

  it('is keyboard operable: arrows move, Escape closes', async () => {
    const { client } = await renderApp();
    const { menu } = await openMenuOnFirstRow();
    const items = within(menu).getAllByRole('menuitem');
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('Delete…');
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByTestId('context-menu')).toBeNull();
    expect(client.callsOf('deleteSessions')).toHaveLength(0);
  });

  it('offers Hold on an accepted row and calls setStatus', async () => {
    const { client } = await renderApp();
    const row = screen.getAllByTestId('session-row').find((r) => r.getAttribute('data-status') === 'accepted')!;
    await settle(() => fireEvent.contextMenu(row, { clientX: 10, clientY: 10 }));
    const menu = screen.getByTestId('context-menu');
    expect(within(menu).getByRole('menuitem', { name: 'Accept' }).getAttribute('aria-disabled')).toBe('true');
    await settle(() => fireEvent.click(within(menu).getByRole('menuitem', { name: 'Hold' })));
    expect(client.callsOf('setStatus')).toEqual([[[{ app: IOS, id: row.getAttribute('data-id') }], 'pending']]);
  });

  it('on a row of a multi-selection acts on the whole selection, like Finder', async () => {
    const { client } = await renderApp();
    const rows = screen.getAllByTestId('session-row');
    await settle(() => fireEvent.mouseDown(rows[0]!, { button: 0 }));
    await settle(() => fireEvent.mouseDown(rows[2]!, { button: 0, shiftKey: true }));
    const ids = rows.slice(0, 3).map((r) => r.getAttribute('data-id'));
    await settle(() => fireEvent.contextMenu(rows[1]!, { clientX: 10, clientY: 10 }));
    const menu = screen.getByTestId('context-menu');
    expect(within(menu).getByTestId('context-menu-count').textContent).toBe('3 sessions selected');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.getAttribute('data-item')),
    ).toEqual(['copy', 'accept', 'hold', 'export-csv', 'export-json', 'delete']);
    // The selection is kept.
    expect(screen.getAllByTestId('session-row').filter((r) => r.getAttribute('aria-selected') === 'true')).toHaveLength(
      3,
    );
    await settle(() => fireEvent.click(within(menu).getByRole('menuitem', { name: 'Hold' })));
    expect(client.callsOf('setStatus')).toEqual([[ids.map((id) => ({ app: IOS, id })), 'pending']]);
  });

  it('deletes the whole selection from the menu, after one confirmation', async () => {
    const { client } = await renderApp();
    const rows = screen.getAllByTestId('session-row');
    await settle(() => fireEvent.mouseDown(rows[0]!, { button: 0 }));
    await settle(() => fireEvent.mouseDown(rows[1]!, { button: 0, shiftKey: true }));
    await settle(() => fireEvent.contextMenu(rows[0]!, { clientX: 10, clientY: 10 }));
    await settle(() =>
      fireEvent.click(within(screen.getByTestId('context-menu')).getByRole('menuitem', { name: 'Delete…' })),
    );
    const dialog = screen.getByTestId('confirm-dialog');
    await settle(() => fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' })));
    expect(client.callsOf('deleteSessions')).toEqual([
      [rows.slice(0, 2).map((r) => ({ app: IOS, id: r.getAttribute('data-id') }))],
    ]);
  });

  it('on a row outside the selection first selects that row alone', async () => {
    await renderApp();
    const rows = screen.getAllByTestId('session-row');
    await settle(() => fireEvent.mouseDown(rows[0]!, { button: 0 }));
    await settle(() => fireEvent.mouseDown(rows[1]!, { button: 0, shiftKey: true }));
    await settle(() => fireEvent.contextMenu(rows[2]!, { clientX: 10, clientY: 10 }));
    const menu = screen.getByTestId('context-menu');
    expect(within(menu).queryByTestId('context-menu-count')).toBeNull();
    expect(within(menu).getAllByRole('menuitem')).toHaveLength(5);
    const selected = screen.getAllByTestId('session-row').filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected.map((r) => r.getAttribute('data-id'))).toEqual([rows[2]!.getAttribute('data-id')]);
  });

  it('on empty space offers Refresh', async () => {
    const { client } = await renderApp();
    await settle(() => fireEvent.contextMenu(screen.getByTestId('sessions-table'), { clientX: 10, clientY: 400 }));
    const menu = screen.getByTestId('context-menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Refresh']);
    await settle(() => fireEvent.click(within(menu).getByRole('menuitem', { name: 'Refresh' })));
    expect(client.callsOf('refresh')).toHaveLength(1);
  });
});

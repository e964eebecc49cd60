// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeRecord } from '../test/fake-client';
import { renderApp, rowDevices, rowIds, settle, cleanUpAfterEachTest } from '../test/render-app';

cleanUpAfterEachTest();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';

function row(device: string): HTMLElement {
  const found = screen.getAllByTestId('session-row').find((r) => r.textContent?.includes(device));
  if (!found) throw new Error(`no row for ${device}`);
  return found;
}

describe('App', () => {
  it('lists the apps with their team and counts, and the sessions of the first app', async () => {
    await renderApp();
    const apps = screen.getAllByTestId('app-item');
    expect(apps.map((a) => a.getAttribute('data-app'))).toEqual([
      IOS,
      'com.acme.tasks',
      'FAKETEAMID.com.acme.fieldnotes',
    ]);
    expect(apps[0]!.textContent).toContain('UTT7VDX8W5');
    expect(apps[1]!.textContent).toContain('Android');
    expect(apps[2]!.textContent).toContain('no team');
    expect(within(apps[0]!).getByTestId('app-total').textContent).toBe('3');
    expect(within(apps[0]!).getByTestId('app-pending').textContent).toBe('1');
    expect(screen.getByTestId('problems-count').textContent).toBe('1');
    expect(rowIds()).toHaveLength(3);
    expect(row('iPad Air').textContent).toContain('iPadOS 17.4');
  });

  it('shows Android versions as "Android 14" (the API level in the tooltip) and accepted rows in bold', async () => {
    await renderApp();
    fireEvent.click(screen.getAllByTestId('app-item')[1]!);
    await waitFor(() => expect(rowDevices()).toContain('Pixel 8'));
    expect(row('Pixel 8').textContent).toContain('Android 14');
    expect(row('Pixel 8').textContent).not.toContain('Android 34');
    expect(row('Pixel 8').getAttribute('title')).toContain('Android 34 (Android 14)');
    expect(row('Pixel 8').className).not.toContain('row--accepted');
    expect(row('Simulator').className).toContain('row--accepted');
  });

  it('sorts by each column header, flipping on a second click, with aria-sort', async () => {
    await renderApp();
    const header = screen.getByRole('button', { name: 'Device' });
    fireEvent.click(header);
    expect(rowDevices()).toEqual(['iPad Air', 'iPhone 9', 'iPhone 15 Pro']);
    expect(header.closest('[role="columnheader"]')?.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(header);
    expect(rowDevices()).toEqual(['iPhone 15 Pro', 'iPhone 9', 'iPad Air']);
    fireEvent.click(screen.getByRole('button', { name: 'E-mail' }));
    expect(rowDevices()).toEqual(['iPhone 15 Pro', 'iPad Air', 'iPhone 9']);
    fireEvent.click(screen.getByRole('button', { name: 'Status' }));
    expect(rowDevices()[0]).toBe('iPad Air'); // the command line's order: pending first when ascending
    fireEvent.click(screen.getByRole('button', { name: 'Language' }));
    expect(rowDevices()).toEqual(['iPhone 15 Pro', 'iPhone 9', 'iPad Air']);
    for (const name of ['OS', 'IP', 'Last changed']) {
      fireEvent.click(screen.getByRole('button', { name }));
      expect(screen.getByRole('button', { name }).closest('[role="columnheader"]')?.getAttribute('aria-sort')).not.toBe(
        'none',
      );
    }
  });

  it('searches and filters by status', async () => {
    await renderApp();
    fireEvent.change(screen.getByTestId('search'), { target: { value: 'bob@' } });
    expect(rowDevices()).toEqual(['iPad Air']);
    fireEvent.change(screen.getByTestId('search'), { target: { value: '' } });
    fireEvent.click(within(screen.getByTestId('status-filter')).getByRole('radio', { name: 'Pending' }));
    expect(rowDevices()).toEqual(['iPad Air']);
    fireEvent.click(within(screen.getByTestId('status-filter')).getByRole('radio', { name: 'Accepted' }));
    expect(rowDevices().sort()).toEqual(['iPhone 15 Pro', 'iPhone 9']);
    // No match here: the matches of every app show instead (none at all for these words).
    fireEvent.change(screen.getByTestId('search'), { target: { value: 'zzz-none' } });
    const results = await screen.findByTestId('search-results');
    await waitFor(() =>
      expect(within(results).getByTestId('search-summary').textContent).toContain('No session of any app matches'),
    );
  });

  it('changes the status through the row control and shows the change from the event', async () => {
    const { client } = await renderApp();
    const select = within(row('iPad Air')).getByLabelText('Status') as HTMLSelectElement;
    await settle(() => fireEvent.change(select, { target: { value: 'accepted' } }));
    expect(client.callsOf('setStatus')).toEqual([
      [[{ app: IOS, id: 'b2c0ffee00000000000000000000000000000002' }], 'accepted'],
    ]);
    expect(row('iPad Air').getAttribute('data-status')).toBe('accepted');
    expect(screen.getByTestId('unpushed-count').textContent).toBe('1');
  });

  it('refuses an invalid e-mail and saves a valid one', async () => {
    const { client } = await renderApp();
    fireEvent.click(within(row('iPhone 15 Pro')).getByTestId('email-edit'));
    const input = screen.getByTestId('email-input') as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'not an email' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('email-error').textContent).toBe('Enter an e-mail address, or leave it empty.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(client.callsOf('setEmail')).toHaveLength(0);
    fireEvent.change(input, { target: { value: 'alice@new.org' } });
    await settle(() => fireEvent.keyDown(input, { key: 'Enter' }));
    expect(client.callsOf('setEmail')).toEqual([
      [[{ app: IOS, id: 'a1c0ffee00000000000000000000000000000001' }], 'alice@new.org'],
    ]);
    await waitFor(() => expect(row('iPhone 15 Pro').textContent).toContain('alice@new.org'));
  });

  it('deletes after confirmation, then Undo restores through undo()', async () => {
    const { client } = await renderApp();
    fireEvent.mouseDown(row('iPhone 9'));
    fireEvent.keyDown(screen.getByTestId('sessions-table'), { key: 'Delete' });
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.getAttribute('role')).toBe('alertdialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toContain('iPhone 9');
    expect(client.callsOf('deleteSessions')).toHaveLength(0);
    await settle(() => fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' })));
    expect(client.callsOf('deleteSessions')).toEqual([
      [[{ app: IOS, id: 'c3c0ffee00000000000000000000000000000003' }]],
    ]);
    expect(rowDevices()).not.toContain('iPhone 9');
    const toast = screen.getAllByTestId('toast').find((t) => t.textContent?.includes('iPhone 9'))!;
    await settle(() => fireEvent.click(within(toast).getByRole('button', { name: 'Undo' })));
    expect(client.callsOf('undo')).toEqual([['action-1']]);
    expect(rowDevices()).toContain('iPhone 9');
  });

  it('Cancel in the confirmation deletes nothing; Escape closes it', async () => {
    const { client } = await renderApp();
    fireEvent.mouseDown(row('iPhone 9'));
    fireEvent.keyDown(screen.getByTestId('sessions-table'), { key: 'Backspace' });
    fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    fireEvent.keyDown(screen.getByTestId('sessions-table'), { key: 'Delete' });
    fireEvent.keyDown(screen.getByTestId('confirm-dialog'), { key: 'Escape' });
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(client.callsOf('deleteSessions')).toHaveLength(0);
  });

  it('moves the selection with the keyboard and toggles the status with Space', async () => {
    const { client } = await renderApp();
    const table = screen.getByTestId('sessions-table');
    fireEvent.keyDown(table, { key: 'ArrowDown' });
    const first = rowIds()[0]!;
    expect(table.getAttribute('aria-activedescendant')).toBe(`session-row-${first}`);
    fireEvent.keyDown(table, { key: 'End' });
    const last = rowIds()[2]!;
    expect(
      screen
        .getAllByTestId('session-row')
        .find((r) => r.getAttribute('aria-selected') === 'true')
        ?.getAttribute('data-id'),
    ).toBe(last);
    fireEvent.keyDown(table, { key: 'Home' });
    await settle(() => fireEvent.keyDown(table, { key: ' ' }));
    expect(client.callsOf('setStatus')[0]![0]).toEqual([{ app: IOS, id: first }]);
  });

  it('shows the details of the selected session with unknown fields and warnings', async () => {
    await renderApp();
    fireEvent.click(screen.getAllByTestId('app-item')[2]!);
    await waitFor(() => expect(rowDevices()).toEqual(['iPhone 13 mini']));
    fireEvent.mouseDown(row('iPhone 13 mini'));
    const panel = screen.getByTestId('details-panel');
    await waitFor(() =>
      expect(within(panel).getByTestId('details-location').textContent).toContain('FAKETEAMID.com.acme.fieldnotes'),
    );
    expect(within(panel).getByTestId('details-warnings').textContent).toContain('token-mismatch');
    expect(within(panel).getByRole('tree').textContent).toContain('userInfo');
  });

  it('applies external changes live and keeps the selection', async () => {
    const { client } = await renderApp();
    fireEvent.mouseDown(row('iPad Air'));
    const untouched = row('iPhone 15 Pro');
    await settle(() =>
      client.upsertExternal(
        makeRecord(IOS, 'dddd0000000000000000000000000000000000aa', { deviceDescription: 'iPhone 16e' }),
      ),
    );
    expect(rowDevices()).toContain('iPhone 16e');
    expect(row('iPhone 15 Pro')).toBe(untouched);
    expect(row('iPad Air').getAttribute('aria-selected')).toBe('true');
    await settle(() => client.removeExternal({ app: IOS, id: 'dddd0000000000000000000000000000000000aa' }));
    expect(rowDevices()).not.toContain('iPhone 16e');
    expect(within(screen.getAllByTestId('app-item')[0]!).getByTestId('app-total').textContent).toBe('3');
  });

  it('shows the Problems view', async () => {
    await renderApp();
    fireEvent.click(screen.getByTestId('problems-item'));
    const view = screen.getByTestId('problems-view');
    expect(view.textContent).toContain('0badf00d');
    expect(view.textContent).toContain('Malformed JSON');
  });

  it('shows the demo banner, and the error state with Open folder', async () => {
    await renderApp({ isDemo: true });
    expect(screen.getByTestId('demo-banner').textContent).toContain('You are looking at a demo folder');
  });

  it('shows an error state when the folder cannot be read', async () => {
    await renderApp({ phase: 'error', error: 'EACCES: permission denied' });
    await waitFor(() => expect(screen.getByTestId('error-state').textContent).toContain('EACCES: permission denied'));
    expect(within(screen.getByTestId('error-state')).getByRole('button', { name: /Open folder/ })).toBeTruthy();
  });

  it('obeys the Electron menu (msm:menu) and Cmd/Ctrl shortcuts', async () => {
    const { client } = await renderApp();
    await settle(() => window.dispatchEvent(new CustomEvent('msm:menu', { detail: 'refresh' })));
    expect(client.callsOf('refresh')).toHaveLength(1);
    await settle(() => window.dispatchEvent(new CustomEvent('msm:menu', { detail: 'find' })));
    expect(document.activeElement).toBe(screen.getByTestId('search'));
    await settle(() => fireEvent.keyDown(window, { key: 'r', ctrlKey: true }));
    expect(client.callsOf('refresh')).toHaveLength(2);
    fireEvent.mouseDown(row('iPad Air'));
    await settle(() => window.dispatchEvent(new CustomEvent('msm:menu', { detail: 'delete' })));
    expect(screen.getByTestId('confirm-dialog')).toBeTruthy();
  });

  it('reports a thrown API error in a toast', async () => {
    const { client } = await renderApp();
    const { ApiError } = await import('../../../shared/api-error');
    client.failNext('setStatus', new ApiError('io', 'EACCES: permission denied, open …/b2c0ffee'));
    await settle(() =>
      fireEvent.change(within(row('iPad Air')).getByLabelText('Status'), { target: { value: 'accepted' } }),
    );
    const toast = screen.getAllByTestId('toast').at(-1)!;
    expect(toast.textContent).toContain('Disk error: EACCES: permission denied');
    expect(row('iPad Air').getAttribute('data-status')).toBe('pending');
  });
});

// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FolderSummary } from '../../../../shared/types';
import { resetFolders } from './folders-store';
import { renderApp, settle, cleanUpAfterEachTest } from '../../test/render-app';

cleanUpAfterEachTest();

function folder(over: Partial<FolderSummary>): FolderSummary {
  return {
    id: 'a1',
    root: '/Volumes/ServerA/MobileApps',
    label: 'ServerA',
    isDemo: false,
    phase: 'ready',
    error: null,
    pending: 0,
    unpushed: 0,
    active: false,
    watchMode: 'native',
    ...over,
  };
}

const TWO: FolderSummary[] = [
  folder({ id: 'a1', active: true, pending: 3 }),
  folder({
    id: 'b2',
    root: '/Volumes/ServerB/MobileApps',
    label: 'ServerB',
    phase: 'error',
    error: 'The folder /Volumes/ServerB/MobileApps is no longer there.',
    unpushed: 2,
  }),
];

async function renderWith(folders: FolderSummary[] | null, host: 'darwin' | 'browser' = 'darwin') {
  resetFolders();
  const r = await renderApp({ host });
  if (folders) {
    r.client.folders = folders;
    await settle(() => r.client.emit({ type: 'folders', folders }));
  }
  return r;
}

describe('Folders section', () => {
  it('shows the open folder and "Add folder…" on the desktop; hidden in browser mode with one folder', async () => {
    await renderWith(null);
    await waitFor(() => expect(screen.getAllByTestId('folder-item')).toHaveLength(1));
    expect(screen.getByTestId('folder-add').textContent).toContain('Add folder…');
    resetFolders();
    await renderWith(null, 'browser');
    expect(screen.queryByTestId('folders-section')).toBeNull();
  });

  it('lists every folder with its status, pending and unpushed counts; a failing share shows its error', async () => {
    await renderWith(TWO, 'browser');
    const rows = screen.getAllByTestId('folder-item');
    expect(rows.map((r) => r.querySelector('[data-testid="folder-label"]')?.textContent)).toEqual([
      'ServerA',
      'ServerB',
    ]);
    expect(rows.map((r) => r.getAttribute('data-state'))).toEqual(['watching', 'error']);
    expect(within(rows[0]!).getByTestId('folder-pending').textContent).toBe('3');
    expect(within(rows[1]!).getByTestId('folder-unpushed').getAttribute('aria-label')).toBe('2 changes not pushed');
    expect(within(rows[1]!).getByTestId('folder-error').textContent).toContain('no longer there');
    expect(rows[0]!.querySelector('.folder-item__main')!.getAttribute('title')).toContain(
      '/Volumes/ServerA/MobileApps',
    );
    expect(screen.queryByTestId('folder-add')).toBeNull(); // browser mode: folders come from --dir
  });

  it('switches folders on click and reloads the workspace from the returned state', async () => {
    const { client } = await renderWith(TWO);
    await settle(() => fireEvent.click(screen.getAllByTestId('folder-item')[1]!.querySelector('.folder-item__main')!));
    expect(client.callsOf('switchFolder')).toEqual([['b2']]);
    await waitFor(() => expect(screen.getAllByTestId('folder-item')[1]!.className).toContain('folder-item--active'));
    // The active folder again: no call.
    await settle(() => fireEvent.click(screen.getAllByTestId('folder-item')[1]!.querySelector('.folder-item__main')!));
    expect(client.callsOf('switchFolder')).toHaveLength(1);
  });

  it('asks before closing a folder with unpushed changes; closes one without at once', async () => {
    const { client } = await renderWith(TWO);
    await settle(() => fireEvent.click(within(screen.getAllByTestId('folder-item')[1]!).getByTestId('folder-close')));
    const dialog = screen.getByTestId('folder-close-dialog');
    expect(dialog.textContent).toContain('ServerB has 2 changes');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(client.callsOf('closeFolder')).toHaveLength(0);
    await settle(() => fireEvent.click(within(screen.getAllByTestId('folder-item')[1]!).getByTestId('folder-close')));
    await settle(() =>
      fireEvent.click(within(screen.getByTestId('folder-close-dialog')).getByRole('button', { name: 'Close folder' })),
    );
    expect(client.callsOf('closeFolder')).toEqual([['b2']]);
    await waitFor(() => expect(screen.getAllByTestId('folder-item')).toHaveLength(1));
    await settle(() => fireEvent.click(screen.getByTestId('folder-close')));
    expect(client.callsOf('closeFolder')).toEqual([['b2'], ['a1']]);
  });

  it('"Add folder…" calls addFolder (cancelled: nothing changes)', async () => {
    const { client } = await renderWith(TWO);
    await settle(() => fireEvent.click(screen.getByTestId('folder-add')));
    expect(client.callsOf('addFolder')).toHaveLength(1);
    expect(screen.getAllByTestId('folder-item')).toHaveLength(2);
  });
});

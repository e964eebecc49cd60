// @vitest-environment jsdom
// The approval inbox: pending sessions of every app and every open folder, per-row and bulk actions.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FolderSummary } from '../../../../shared/types';
import { resetFolders } from '../folders/folders-store';
import { useSearchScope } from '../sessions/search-scope';
import { makeRecord } from '../../test/fake-client';
import { renderApp, settle, cleanUpAfterEachTest } from '../../test/render-app';

cleanUpAfterEachTest();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';
const ANDROID = 'com.acme.tasks';
const ROOT = '/srv/4d/Data/MobileApps';

describe('bulk delete across apps (approval inbox)', () => {
  it('names the count per app before deleting, deletes in one call, and one Undo restores all', async () => {
    const { client } = await renderApp();
    await settle(() => fireEvent.click(screen.getByTestId('inbox-item')));
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('inbox-select-all'));
    fireEvent.click(within(screen.getByTestId('selection-bar')).getByTestId('bulk-delete'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('Delete 2 sessions?');
    expect(within(dialog).getByTestId('delete-summary').textContent).toBe('2 sessions of 2 apps will be deleted:');
    const perApp = within(dialog).getByTestId('delete-per-app').querySelectorAll('li');
    expect([...perApp].map((li) => [li.getAttribute('data-app'), li.textContent])).toEqual([
      [IOS, `Contact ${IOS}1 session`],
      [ANDROID, `Tasks ${ANDROID}1 session`],
    ]);
    expect(client.callsOf('deleteSessions')).toHaveLength(0);
    await settle(() => fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' })));
    expect(client.callsOf('deleteSessions')).toHaveLength(1);
    expect(client.callsOf('deleteSessions')[0]![0]).toEqual([
      { app: IOS, id: 'b2c0ffee00000000000000000000000000000002' },
      { app: ANDROID, id: 'd4c0ffee00000000000000000000000000000004' },
    ]);
    const toast = screen.getAllByTestId('toast').find((t) => t.textContent?.includes('Moved 2 sessions'))!;
    await settle(() => fireEvent.click(within(toast).getByRole('button', { name: 'Undo' })));
    expect(client.callsOf('undo')).toHaveLength(1);
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(2));
  });
});

describe('approval inbox', () => {
  it('lists pending sessions of every app, newest first, with the app name, and counts them in the title', async () => {
    await renderApp();
    expect(screen.getByTestId('inbox-count').textContent).toBe('2');
    expect(document.title).toBe('Mobile Session Manager (2 pending)');
    await settle(() => fireEvent.click(screen.getByTestId('inbox-item')));
    const rows = await waitFor(() => {
      const r = screen.getAllByTestId('inbox-row');
      expect(r).toHaveLength(2);
      return r;
    });
    expect(rows.map((r) => [r.getAttribute('data-app'), r.querySelector('.inbox-row__app')?.textContent])).toEqual([
      [IOS, 'Contact'],
      [ANDROID, 'Tasks'],
    ]);
    expect(screen.getByTestId('inbox-summary').textContent).toBe('2 pending sessions in 2 apps, newest first.');
  });

  it('Accept per row calls setStatus, Keep pending moves the row down, and events keep it live', async () => {
    const { client } = await renderApp();
    await settle(() => fireEvent.click(screen.getByTestId('inbox-item')));
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(2));
    const first = screen.getAllByTestId('inbox-row')[0]!;
    fireEvent.click(within(first).getByTestId('inbox-keep'));
    const after = screen.getAllByTestId('inbox-row');
    expect(after.map((r) => r.getAttribute('data-kept'))).toEqual(['false', 'true']);
    expect(after[1]!.getAttribute('data-id')).toBe('b2c0ffee00000000000000000000000000000002');
    await settle(() => fireEvent.click(within(after[0]!).getByTestId('inbox-accept')));
    expect(client.callsOf('setStatus')).toEqual([
      [[{ app: ANDROID, id: 'd4c0ffee00000000000000000000000000000004' }], 'accepted'],
    ]);
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(1));
    // A new pending session written from outside appears without a refresh.
    await settle(() =>
      client.upsertExternal(
        makeRecord(ANDROID, '99c0ffee00000000000000000000000000000099', {
          status: 'pending',
          deviceDescription: 'Galaxy S24',
          mtimeMs: Date.now(),
        }),
      ),
    );
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')[0]!.textContent).toContain('Galaxy S24'));
    expect(document.title).toBe('Mobile Session Manager (2 pending)');
  });
});

describe('approval inbox across open folders', () => {
  const D4 = 'd4c0ffee00000000000000000000000000000004';
  const B2 = 'b2c0ffee00000000000000000000000000000002';
  afterEach(() => {
    resetFolders();
    useSearchScope.setState({ scope: 'app', query: '', result: null, error: null });
  });
  const folder = (over: Partial<FolderSummary>): FolderSummary => ({
    id: 'f1',
    root: ROOT,
    label: 'MobileApps',
    isDemo: false,
    phase: 'ready',
    error: null,
    pending: 2,
    unpushed: 0,
    active: true,
    watchMode: 'native',
    ...over,
  });

  it('lists every folder’s pending sessions with a Folder column, keeps the folder in refs, and counts all folders', async () => {
    const { client } = await renderApp();
    // Folder B holds the same app and session id as the active folder: rows must stay apart.
    client.otherFolderPending = [
      makeRecord(ANDROID, D4, {
        status: 'pending',
        deviceDescription: 'Pixel on B',
        mtimeMs: Date.UTC(2025, 0, 15, 9, 30),
        folder: 'fb',
      }),
    ];
    client.folders = [
      folder({}),
      folder({ id: 'fb', root: '/Volumes/B/MobileApps', label: 'ServerB', pending: 1, active: false }),
    ];
    await settle(() => client.emit({ type: 'folders', folders: client.folders! }));
    expect(document.title).toBe('Mobile Session Manager (3 pending)');
    expect(screen.getByTestId('inbox-count').textContent).toBe('3');
    await settle(() => fireEvent.click(screen.getByTestId('inbox-item')));
    const rows = await waitFor(() => {
      const r = screen.getAllByTestId('inbox-row');
      expect(r).toHaveLength(3);
      return r;
    });
    expect(screen.getByRole('columnheader', { name: 'Folder' })).toBeTruthy();
    expect(
      rows.map((r) => [
        r.getAttribute('data-folder'),
        r.getAttribute('data-id'),
        r.querySelector('.inbox-row__folder')?.textContent,
      ]),
    ).toEqual([
      ['fb', D4, 'ServerB'],
      [null, B2, ''],
      [null, D4, ''],
    ]);
    // Selecting the folder-B row does not select the active folder's row with the same id.
    fireEvent.mouseDown(rows[0]!, { metaKey: true });
    fireEvent.mouseDown(rows[2]!, { metaKey: true });
    expect(screen.getAllByTestId('inbox-row').map((r) => r.getAttribute('aria-selected'))).toEqual([
      'true',
      'false',
      'true',
    ]);
    await settle(() => fireEvent.click(screen.getByTestId('bulk-accept')));
    expect(client.callsOf('setStatus')).toEqual([
      [
        [
          { folder: 'fb', app: ANDROID, id: D4 },
          { app: ANDROID, id: D4 },
        ],
        'accepted',
      ],
    ]);
  });

  it('names another folder’s apps: the engine’s name when known, else the bundle id’s last segment, never the raw folder', async () => {
    const BAKERY = 'XYZ9876543.fr.boulangerie.commandes';
    const { client } = await renderApp();
    client.otherFolderPending = [
      makeRecord(BAKERY, D4, {
        status: 'pending',
        deviceDescription: 'iPad on B',
        mtimeMs: Date.UTC(2025, 0, 15, 9, 30),
        folder: 'fb',
      }),
      makeRecord(IOS, B2, {
        status: 'pending',
        deviceDescription: 'iPhone on B',
        mtimeMs: Date.UTC(2025, 0, 15, 9, 0),
        folder: 'fb',
      }),
    ];
    client.folders = [
      folder({}),
      folder({ id: 'fb', root: '/Volumes/B/MobileApps', label: 'ServerB', pending: 2, active: false }),
    ];
    await settle(() => client.emit({ type: 'folders', folders: client.folders! }));
    await settle(() => fireEvent.click(screen.getByTestId('inbox-item')));
    const appOf = (device: string) =>
      screen
        .getAllByTestId('inbox-row')
        .find((r) => r.textContent?.includes(device))
        ?.querySelector('.inbox-row__app')?.textContent;
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(4));
    // Not open here: a readable form of its bundle id; the same app as one of the active folder: its name.
    expect(appOf('iPad on B')).toBe('commandes');
    expect(appOf('iPhone on B')).toBe('Contact');
    // Once the engine reported the name (a search across folders), the row uses it.
    await settle(() =>
      useSearchScope.setState({
        query: 'ipad',
        result: {
          total: 1,
          hits: [{ record: client.otherFolderPending[0]!, appName: 'Commandes Boulangerie' }],
        },
      }),
    );
    expect(appOf('iPad on B')).toBe('Commandes Boulangerie');
  });

  it('shows no Folder column with one folder open', async () => {
    await renderApp();
    await settle(() => fireEvent.click(screen.getByTestId('inbox-item')));
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(2));
    expect(screen.queryByRole('columnheader', { name: 'Folder' })).toBeNull();
    expect(document.querySelector('.inbox-row__folder')).toBeNull();
  });
});

// @vitest-environment jsdom
// Issue 6 in the renderer: selection, bulk actions, filters per folder, clean-up
// preview, export, the approval inbox, new-pending notifications and Activity.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../../shared/audit';
import type { FolderSummary } from '../../../shared/types';
import { setDownloadSink, type DownloadFile } from '../controller/export-actions';
import { resetFolders } from '../store/folders';
import { adoptFiltersOf, useUi } from '../store/ui';
import { makeRecord, sampleData } from '../test/fake-client';
import { renderApp, rowDevices, rowIds, settle, useRendererTestCleanup } from '../test/render-app';

useRendererTestCleanup();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';
const ANDROID = 'com.acme.tasks';
const ROOT = '/srv/4d/Data/MobileApps';

function row(device: string): HTMLElement {
  const found = screen.getAllByTestId('session-row').find((r) => r.textContent?.includes(device));
  if (!found) throw new Error(`no row for ${device}`);
  return found;
}

function selectedDevices(): string[] {
  return screen
    .getAllByTestId('session-row')
    .filter((r) => r.getAttribute('aria-selected') === 'true')
    .map((r) => r.querySelector('.cell--device .cell__text')?.textContent ?? '');
}

async function sortByDevice() {
  await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Device' })));
  expect(rowDevices()).toEqual(['iPad Air', 'iPhone 9', 'iPhone 15 Pro']);
}

describe('selection', () => {
  it('click selects one, Shift-click a range, Cmd/Ctrl-click toggles, Shift+arrows extend', async () => {
    await renderApp();
    await sortByDevice();
    fireEvent.mouseDown(row('iPad Air'));
    expect(selectedDevices()).toEqual(['iPad Air']);
    expect(screen.queryByTestId('selection-bar')).toBeNull();
    fireEvent.mouseDown(row('iPhone 15 Pro'), { shiftKey: true });
    expect(selectedDevices()).toEqual(['iPad Air', 'iPhone 9', 'iPhone 15 Pro']);
    expect(screen.getByTestId('selection-count').textContent).toBe('3 selected');
    fireEvent.mouseDown(row('iPhone 9'), { metaKey: true });
    expect(selectedDevices()).toEqual(['iPad Air', 'iPhone 15 Pro']);
    fireEvent.mouseDown(row('iPhone 9'), { ctrlKey: true });
    expect(selectedDevices()).toHaveLength(3);
    // A plain click collapses to one row; Shift+ArrowDown extends from it.
    fireEvent.mouseDown(row('iPad Air'));
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
    expect([...useUi.getState().selection.ids].sort()).toEqual(['a1c0ffee00000000000000000000000000000001', 'c3c0ffee00000000000000000000000000000003']);
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
    const toast = screen.getAllByTestId('toast').find((t) => t.textContent?.includes('3 sessions set to Pending'))!;
    await settle(() => fireEvent.click(within(toast).getByRole('button', { name: 'Undo' })));
    expect(client.callsOf('undo')).toEqual([['action-1']]);
  });
});

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

describe('filters', () => {
  it('combine with search, count as "Filters (n)", and are remembered per folder', async () => {
    const { unmount } = await renderApp();
    fireEvent.click(screen.getByTestId('filters-button'));
    const panel = screen.getByTestId('filters-panel');
    fireEvent.change(within(panel).getByLabelText('Platform'), { target: { value: 'ios' } });
    expect(rowDevices().sort()).toEqual(['iPhone 15 Pro', 'iPhone 9']);
    fireEvent.change(within(panel).getByLabelText('Simulator'), { target: { value: 'no' } });
    expect(rowDevices()).toEqual(['iPhone 15 Pro']);
    expect(screen.getByTestId('filters-button').getAttribute('aria-label')).toBe('Filters (2 active)');
    fireEvent.change(screen.getByTestId('search'), { target: { value: 'nobody' } });
    expect(screen.queryAllByTestId('session-row')).toHaveLength(0);
    expect(JSON.parse(localStorage.getItem(`msm.filters:${ROOT}`) ?? 'null')).toEqual({ status: 'all', extra: { platform: 'ios', simulator: false } });
    unmount();
    // A new window on the same folder gets them back (renderApp resets the stores, not the storage).
    const saved = localStorage.getItem(`msm.filters:${ROOT}`);
    await renderApp();
    expect(localStorage.getItem(`msm.filters:${ROOT}`)).toBe(saved);
    await waitFor(() => expect(screen.getByTestId('filters-count').textContent).toBe('2'));
    expect(rowDevices()).toEqual(['iPhone 15 Pro']);
    // Another folder has its own (none).
    await settle(() => adoptFiltersOf('/elsewhere/MobileApps'));
    expect(screen.queryByTestId('filters-count')).toBeNull();
    await settle(() => adoptFiltersOf(ROOT));
    expect(screen.getByTestId('filters-count').textContent).toBe('2');
    fireEvent.click(screen.getByTestId('filters-button'));
    fireEvent.click(screen.getByTestId('filters-reset'));
    expect(rowIds()).toHaveLength(3);
    expect(localStorage.getItem(`msm.filters:${ROOT}`)).toBeNull();
  });
});

describe('clean up stale sessions', () => {
  it('previews per app the sessions not changed for N days and deletes them in one undoable call', async () => {
    const data = sampleData();
    const day = 86_400_000;
    const ages = [200, 1, 120, 2, 400, 3]; // days, per session of sampleData
    data.sessions = data.sessions.map((s, i) => ({ ...s, mtimeMs: Date.now() - ages[i]! * day }));
    const { client } = await renderApp({ data });
    fireEvent.click(screen.getByTestId('cleanup-button'));
    const dialog = screen.getByTestId('cleanup-dialog');
    expect(dialog.textContent).toContain('4D client licence');
    await waitFor(() => expect(within(dialog).getByTestId('cleanup-summary').textContent).toBe('3 sessions have not changed for 90 days:'));
    const perApp = within(dialog).getAllByTestId('cleanup-app').map((li) => [li.getAttribute('data-app'), li.getAttribute('data-count')]);
    expect(perApp).toEqual([
      [ANDROID, '1'],
      [IOS, '2'],
    ]);
    expect(within(dialog).getAllByTestId('cleanup-row').map((r) => r.getAttribute('data-id')!.slice(0, 2))).toEqual(['e5', 'a1', 'c3']);
    fireEvent.change(within(dialog).getByTestId('cleanup-days'), { target: { value: '150' } });
    await waitFor(() => expect(within(dialog).getByTestId('cleanup-summary').textContent).toBe('2 sessions have not changed for 150 days:'));
    expect(client.callsOf('deleteSessions')).toHaveLength(0);
    await settle(() => fireEvent.click(within(dialog).getByTestId('cleanup-confirm')));
    expect(client.callsOf('deleteSessions')).toEqual([
      [
        [
          { app: ANDROID, id: 'e5c0ffee00000000000000000000000000000005' },
          { app: IOS, id: 'a1c0ffee00000000000000000000000000000001' },
        ],
      ],
    ]);
    expect(screen.queryByTestId('cleanup-dialog')).toBeNull();
    expect(screen.getAllByTestId('toast').some((t) => within(t).queryByRole('button', { name: 'Undo' }))).toBe(true);
  });
});

describe('export', () => {
  let restore: (() => void) | null = null;
  afterEach(() => restore?.());

  it('exports the filtered and sorted view as CSV and JSON, and the selection alone', async () => {
    const files: DownloadFile[] = [];
    restore = setDownloadSink((f) => files.push(f));
    await renderApp();
    await sortByDevice();
    fireEvent.click(screen.getByTestId('filters-button'));
    fireEvent.change(within(screen.getByTestId('filters-panel')).getByLabelText('Platform'), { target: { value: 'ios' } });
    fireEvent.keyDown(screen.getByTestId('filters-panel'), { key: 'Escape' });
    expect(rowDevices()).toEqual(['iPhone 9', 'iPhone 15 Pro']);
    fireEvent.click(within(screen.getByTestId('list-header')).getByTestId('export-button'));
    fireEvent.click(screen.getByTestId('export-csv'));
    expect(files).toHaveLength(1);
    expect(files[0]!.fileName).toMatch(/^sessions-contact-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    expect(files[0]!.mime).toBe('text/csv;charset=utf-8');
    const lines = files[0]!.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('app,id,status,email,device,deviceId,os,osVersion,simulator,language,ip,appVersion,changed,size,warnings');
    expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['iPhone 9', 'iPhone 15 Pro']);
    fireEvent.click(within(screen.getByTestId('list-header')).getByTestId('export-button'));
    fireEvent.click(screen.getByTestId('export-json'));
    expect((JSON.parse(files[1]!.text) as { device: string }[]).map((r) => r.device)).toEqual(['iPhone 9', 'iPhone 15 Pro']);
    // The selection alone.
    fireEvent.mouseDown(row('iPhone 15 Pro'), { metaKey: true });
    fireEvent.mouseDown(row('iPhone 9'), { metaKey: true });
    fireEvent.mouseDown(row('iPhone 9'), { metaKey: true });
    fireEvent.click(within(screen.getByTestId('selection-bar')).getByTestId('export-button'));
    fireEvent.click(screen.getByTestId('export-csv'));
    const sel = files[2]!.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(sel.slice(1).map((l) => l.split(',')[4])).toEqual(['iPhone 15 Pro']);
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
    expect(client.callsOf('setStatus')).toEqual([[[{ app: ANDROID, id: 'd4c0ffee00000000000000000000000000000004' }], 'accepted']]);
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(1));
    // A new pending session written from outside appears without a refresh.
    await settle(() => client.upsertExternal(makeRecord(ANDROID, '99c0ffee00000000000000000000000000000099', { status: 'pending', deviceDescription: 'Galaxy S24', mtimeMs: Date.now() })));
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')[0]!.textContent).toContain('Galaxy S24'));
    expect(document.title).toBe('Mobile Session Manager (2 pending)');
  });
});

describe('approval inbox across open folders', () => {
  const D4 = 'd4c0ffee00000000000000000000000000000004';
  const B2 = 'b2c0ffee00000000000000000000000000000002';
  afterEach(() => resetFolders());
  const folder = (over: Partial<FolderSummary>): FolderSummary => ({
    id: 'f1', root: ROOT, label: 'MobileApps', isDemo: false, phase: 'ready', error: null, pending: 2, unpushed: 0, active: true, watchMode: 'native', ...over,
  });

  it('lists every folder’s pending sessions with a Folder column, keeps the folder in refs, and counts all folders', async () => {
    const { client } = await renderApp();
    // Folder B holds the same app and session id as the active folder: rows must stay apart.
    client.otherFolderPending = [makeRecord(ANDROID, D4, { status: 'pending', deviceDescription: 'Pixel on B', mtimeMs: Date.UTC(2025, 0, 15, 9, 30), folder: 'fb' })];
    client.folders = [folder({}), folder({ id: 'fb', root: '/Volumes/B/MobileApps', label: 'ServerB', pending: 1, active: false })];
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
    expect(rows.map((r) => [r.getAttribute('data-folder'), r.getAttribute('data-id'), r.querySelector('.inbox-row__folder')?.textContent])).toEqual([
      ['fb', D4, 'ServerB'],
      [null, B2, ''],
      [null, D4, ''],
    ]);
    // Selecting the folder-B row does not select the active folder's row with the same id.
    fireEvent.mouseDown(rows[0]!, { metaKey: true });
    fireEvent.mouseDown(rows[2]!, { metaKey: true });
    expect(screen.getAllByTestId('inbox-row').map((r) => r.getAttribute('aria-selected'))).toEqual(['true', 'false', 'true']);
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

  it('shows no Folder column with one folder open', async () => {
    await renderApp();
    await settle(() => fireEvent.click(screen.getByTestId('inbox-item')));
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(2));
    expect(screen.queryByRole('columnheader', { name: 'Folder' })).toBeNull();
    expect(document.querySelector('.inbox-row__folder')).toBeNull();
  });
});

describe('new-pending notifications', () => {
  const created: { title: string; options?: NotificationOptions; instance: { onclick: (() => void) | null; close: () => void } }[] = [];
  class FakeNotification {
    static permission: NotificationPermission = 'granted';
    static requestPermission = vi.fn(async () => FakeNotification.permission);
    onclick: (() => void) | null = null;
    close = vi.fn();
    constructor(title: string, options?: NotificationOptions) {
      created.push({ title, ...(options ? { options } : {}), instance: this });
    }
  }
  afterEach(() => {
    created.length = 0;
    vi.unstubAllGlobals();
  });

  it('shows a system notification and a toast; clicking it selects the session', async () => {
    vi.stubGlobal('Notification', FakeNotification);
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    const { client } = await renderApp();
    const rec = makeRecord(ANDROID, '77c0ffee00000000000000000000000000000077', { status: 'pending', deviceDescription: 'Galaxy Tab', email: 'eve@acme.com' });
    await settle(() => client.upsertExternal(rec));
    await settle(() => client.emit({ type: 'new-pending', sessions: [rec] }));
    expect(created).toHaveLength(1);
    expect(created[0]!.title).toBe('A device is waiting for approval');
    expect(created[0]!.options?.body).toBe('Galaxy Tab — Tasks (eve@acme.com)');
    expect(screen.getAllByTestId('toast').some((t) => t.textContent?.includes('A device is waiting for approval'))).toBe(true);
    await settle(() => created[0]!.instance.onclick?.());
    expect(focus).toHaveBeenCalled();
    expect(useUi.getState().selectedApp).toBe(ANDROID);
    expect(useUi.getState().selectedId).toBe(rec.id);
    await waitFor(() => expect(selectedDevices()).toEqual(['Galaxy Tab']));
  });

  it('shows only the toast when the setting is off; turning it on asks for permission', async () => {
    FakeNotification.permission = 'default';
    vi.stubGlobal('Notification', FakeNotification);
    const { client } = await renderApp();
    await settle(() => fireEvent.click(screen.getByTestId('inbox-item')));
    const toggle = screen.getByTestId('notify-toggle') as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    await settle(() => fireEvent.click(toggle));
    expect(localStorage.getItem('msm.notifications')).toBe('off');
    FakeNotification.permission = 'granted';
    await settle(() => client.emit({ type: 'new-pending', sessions: [makeRecord(IOS, '55c0ffee00000000000000000000000000000055', { status: 'pending' })] }));
    expect(created).toHaveLength(0);
    expect(screen.getAllByTestId('toast').length).toBeGreaterThan(0);
    FakeNotification.permission = 'default';
    await settle(() => fireEvent.click(toggle));
    expect(FakeNotification.requestPermission).toHaveBeenCalled();
    FakeNotification.permission = 'granted';
  });
});

describe('activity', () => {
  it('lists the audit log, filters by action and text, and re-reads after a push', async () => {
    const { client } = await renderApp({ unpushed: 1 });
    const entry = (action: AuditEntry['action'], id: string, before: string, after: string): AuditEntry => ({
      time: '2025-01-15T09:00:00.000Z',
      user: 'admin',
      folder: ROOT,
      action,
      actionId: `${action}-${id}`,
      sessions: [{ app: IOS, id, before, after }],
      pushed: false,
    });
    client.auditEntries = [entry('set-status', 'b2c0ffee', 'pending', 'accepted'), entry('set-email', 'a1c0ffee', 'alice@acme.com', 'alice@new.org')];
    await settle(() => fireEvent.click(screen.getByTestId('activity-item')));
    await waitFor(() => expect(screen.getAllByTestId('activity-row')).toHaveLength(2));
    expect(client.callsOf('readAuditLog')[0]![0]).toEqual({ limit: 5000, folder: ROOT });
    const first = screen.getAllByTestId('activity-row')[0]!;
    expect(first.textContent).toContain('admin');
    expect(first.textContent).toContain('Contact');
    expect(first.querySelector('.activity__before')?.textContent).toBe('pending');
    expect(first.querySelector('.activity__after')?.textContent).toBe('accepted');
    expect(first.textContent).toContain('Not pushed');
    fireEvent.change(screen.getByTestId('activity-action'), { target: { value: 'set-email' } });
    expect(screen.getAllByTestId('activity-row')).toHaveLength(1);
    fireEvent.change(screen.getByTestId('activity-text'), { target: { value: 'nothing-like-this' } });
    expect(screen.getByTestId('activity-empty')).toBeTruthy();
    const reads = client.callsOf('readAuditLog').length;
    await settle(() => window.dispatchEvent(new CustomEvent('msm:menu', { detail: 'push' })));
    expect(client.callsOf('readAuditLog').length).toBeGreaterThan(reads);
  });
});

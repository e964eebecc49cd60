// @vitest-environment jsdom
// "A new device is waiting": the system notification, the toast, and the setting.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useUi } from '../../store/ui';
import { makeRecord } from '../../test/fake-client';
import { renderApp, selectedDevices, settle, cleanUpAfterEachTest } from '../../test/render-app';

cleanUpAfterEachTest();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';
const ANDROID = 'com.acme.tasks';

describe('new-pending notifications', () => {
  const created: {
    title: string;
    options?: NotificationOptions;
    instance: { onclick: (() => void) | null; close: () => void };
  }[] = [];
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
    const rec = makeRecord(ANDROID, '77c0ffee00000000000000000000000000000077', {
      status: 'pending',
      deviceDescription: 'Galaxy Tab',
      email: 'eve@acme.com',
    });
    await settle(() => client.upsertExternal(rec));
    await settle(() => client.emit({ type: 'new-pending', sessions: [rec] }));
    expect(created).toHaveLength(1);
    expect(created[0]!.title).toBe('A device is waiting for approval');
    expect(created[0]!.options?.body).toBe('Galaxy Tab — Tasks (eve@acme.com)');
    expect(
      screen.getAllByTestId('toast').some((t) => t.textContent?.includes('A device is waiting for approval')),
    ).toBe(true);
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
    await settle(() =>
      client.emit({
        type: 'new-pending',
        sessions: [makeRecord(IOS, '55c0ffee00000000000000000000000000000055', { status: 'pending' })],
      }),
    );
    expect(created).toHaveLength(0);
    expect(screen.getAllByTestId('toast').length).toBeGreaterThan(0);
    FakeNotification.permission = 'default';
    await settle(() => fireEvent.click(toggle));
    expect(FakeNotification.requestPermission).toHaveBeenCalled();
    FakeNotification.permission = 'granted';
  });
});

// @vitest-environment jsdom
// The Activity view: the audit log, its filters, and re-reading after a push.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../shared/audit';
import { renderApp, settle, cleanUpAfterEachTest } from '../../test/render-app';

cleanUpAfterEachTest();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';
const ROOT = '/srv/4d/Data/MobileApps';

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
    client.auditEntries = [
      entry('set-status', 'b2c0ffee', 'pending', 'accepted'),
      entry('set-email', 'a1c0ffee', 'alice@acme.com', 'alice@new.org'),
    ];
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

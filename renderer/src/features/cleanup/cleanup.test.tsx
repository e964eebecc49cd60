// @vitest-environment jsdom
// Clean up stale sessions: the per-app preview and one undoable delete.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sampleData } from '../../test/fake-client';
import { renderApp, settle, cleanUpAfterEachTest } from '../../test/render-app';

cleanUpAfterEachTest();

const IOS = 'UTT7VDX8W5.com.contactApp.Contact';
const ANDROID = 'com.acme.tasks';

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
    // Scoped to the app on screen by default; "All apps" is a choice.
    expect(within(dialog).getByTestId('cleanup-scope-app').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(within(dialog).getByTestId('cleanup-scope-all'));
    await waitFor(() =>
      expect(within(dialog).getByTestId('cleanup-summary').textContent).toBe(
        '3 sessions have not changed for 90 days:',
      ),
    );
    const perApp = within(dialog)
      .getAllByTestId('cleanup-app')
      .map((li) => [li.getAttribute('data-app'), li.getAttribute('data-count')]);
    expect(perApp).toEqual([
      [ANDROID, '1'],
      [IOS, '2'],
    ]);
    expect(
      within(dialog)
        .getAllByTestId('cleanup-row')
        .map((r) => r.getAttribute('data-id')!.slice(0, 2)),
    ).toEqual(['e5', 'a1', 'c3']);
    fireEvent.change(within(dialog).getByTestId('cleanup-days'), { target: { value: '150' } });
    await waitFor(() =>
      expect(within(dialog).getByTestId('cleanup-summary').textContent).toBe(
        '2 sessions have not changed for 150 days:',
      ),
    );
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

// @vitest-environment jsdom
// The overwritten warning (issue 10 §1) in the renderer, against the fake client:
// the banner and the row mark follow the engine's 'overwritten' events, Apply again
// and Dismiss call the API, and an incomplete push is never shown as a success.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { OverwrittenChange } from '../../../../../shared/types';
import { renderApp, settle, cleanUpAfterEachTest } from '../../../test/render-app';

cleanUpAfterEachTest();

async function withOverwrite() {
  const rendered = await renderApp({ unpushed: 1 });
  const { client } = rendered;
  const [app] = [...client.sessions.keys()];
  const record = [...client.sessions.get(app!)!.values()][0]!;
  const change: OverwrittenChange = {
    ref: { app: record.app, id: record.id },
    field: 'status',
    set: 'accepted',
    now: 'pending',
  };
  client.overwritten = [change];
  await settle(() => client.emit({ type: 'overwritten', sessions: [change] }));
  return { client, change, record };
}

describe('overwritten changes', () => {
  it('shows a warning that says "overwritten", with what was set and what the file says', async () => {
    const { record } = await withOverwrite();
    const banner = await screen.findByTestId('overwritten-banner');
    expect(banner.textContent).toMatch(/overwritten/i);
    expect(banner.textContent).toContain(record.id);
    expect(banner.textContent).toContain('“accepted”');
    expect(banner.textContent).toContain('“pending”');
  });

  it('Apply again and Dismiss call the API and the warning goes', async () => {
    const { client, change } = await withOverwrite();
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Apply again' })));
    expect(client.calls.find((c) => c.method === 'reapplyOverwritten')?.args).toEqual([[change.ref]]);
    await waitFor(() => expect(screen.queryByTestId('overwritten-banner')).toBeNull());

    client.overwritten = [change];
    await settle(() => client.emit({ type: 'overwritten', sessions: [change] }));
    await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Dismiss' })));
    expect(client.calls.find((c) => c.method === 'dismissOverwritten')?.args).toEqual([[change.ref]]);
    await waitFor(() => expect(screen.queryByTestId('overwritten-banner')).toBeNull());
  });

  it('an incomplete push is an error toast naming the change, never "Sessions pushed"', async () => {
    const { client, change } = await withOverwrite();
    client.pushResults.push({ outcome: 'incomplete', message: 'not all', durationMs: 3, notSeen: [change] });
    await settle(() => fireEvent.click(screen.getByTestId('push-button')));
    const toast = screen.getAllByTestId('toast').at(-1)!;
    expect(toast.getAttribute('data-tone')).toBe('error');
    expect(toast.textContent).toContain('Pushed, but not everything');
    expect(toast.textContent).toContain(change.ref.id);
    expect(toast.textContent).not.toContain('Sessions pushed');
  });
});

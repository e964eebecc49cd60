// @vitest-environment jsdom
// The search field's keys: Escape clears the words first, then hands the focus to the list.
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, rowDevices, cleanUpAfterEachTest } from '../test/render-app';
import { useUi } from '../store/ui';

cleanUpAfterEachTest();

describe('search field', () => {
  it('Escape clears a search, and a second Escape moves the focus to the table', async () => {
    await renderApp();
    const search = screen.getByTestId('search') as HTMLInputElement;
    search.focus();
    fireEvent.change(search, { target: { value: 'bob@' } });
    expect(rowDevices()).toEqual(['iPad Air']);

    fireEvent.keyDown(search, { key: 'Escape' });
    expect(search.value).toBe('');
    expect(useUi.getState().query).toBe('');
    expect(rowDevices()).toHaveLength(3);
    expect(document.activeElement).toBe(search);

    fireEvent.keyDown(search, { key: 'Escape' });
    expect(document.activeElement).toBe(screen.getByTestId('sessions-table'));
  });

  it('Escape in an empty search field leaves it for the table at once', async () => {
    await renderApp();
    const search = screen.getByTestId('search');
    search.focus();
    const escape = fireEvent.keyDown(search, { key: 'Escape' });
    expect(escape).toBe(false); // handled: the browser's own Escape does not run
    expect(document.activeElement).toBe(screen.getByTestId('sessions-table'));
  });
});

// @vitest-environment jsdom
// Search with the "All apps" scope: the matches of every app replace the table, and the list
// header and the status bar describe those matches, not the current app's rows.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, cleanUpAfterEachTest } from '../../test/render-app';
import { useSearchScope } from './search-scope';

cleanUpAfterEachTest();
afterEach(() => useSearchScope.setState({ scope: 'app', query: '', result: null, error: null }));

describe('search in all apps', () => {
  it('names "All apps" and the count found in the list header and the status bar', async () => {
    await renderApp();
    const header = screen.getByTestId('list-header');
    const appTitle = within(header).getByRole('heading').textContent;
    fireEvent.change(screen.getByTestId('search'), { target: { value: 'acme.com' } });
    // This app's scope: the header counts this app's rows.
    expect(within(header).getByRole('heading').textContent).toBe(appTitle);
    expect(screen.getByTestId('list-header-count').textContent).toMatch(/^\d+ of \d+$/);

    fireEvent.click(within(screen.getByTestId('search-scope')).getByRole('radio', { name: 'All apps' }));
    const results = await screen.findByTestId('search-results');
    await waitFor(() => expect(within(results).queryAllByTestId('search-hit').length).toBeGreaterThan(0));
    const found = within(results).getAllByTestId('search-hit').length;
    // The matches span several apps: more than the current app holds.
    expect(
      new Set(
        within(results)
          .getAllByTestId('search-hit')
          .map((h) => h.getAttribute('data-app')),
      ).size,
    ).toBeGreaterThan(1);
    expect(within(screen.getByTestId('list-header')).getByRole('heading').textContent).toBe('All apps');
    expect(screen.getByTestId('list-header-count').textContent).toBe(`${found} sessions found`);
    expect(screen.getByTestId('shown-count').textContent).toBe(`${found} sessions found`);
    // Export writes the current app's rows: not offered over the matches of every app.
    expect(within(screen.getByTestId('list-header')).queryByRole('button', { name: /Export/ })).toBeNull();

    // Back to "This app": the header and status bar count this app's rows again.
    fireEvent.click(within(screen.getByTestId('search-scope')).getByRole('radio', { name: 'This app' }));
    expect(within(screen.getByTestId('list-header')).getByRole('heading').textContent).toBe(appTitle);
    expect(screen.getByTestId('shown-count').textContent).toMatch(/^\d+ of \d+$/);
  });
});

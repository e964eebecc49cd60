// @vitest-environment jsdom
// The filters panel: combined with search, counted on its button, remembered per folder.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adoptFiltersOf } from '../../store/ui';
import { renderApp, rowDevices, rowIds, settle, cleanUpAfterEachTest } from '../../test/render-app';

cleanUpAfterEachTest();

const ROOT = '/srv/4d/Data/MobileApps';

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
    expect(JSON.parse(localStorage.getItem(`msm.filters:${ROOT}`) ?? 'null')).toEqual({
      status: 'all',
      extra: { platform: 'ios', simulator: false },
    });
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

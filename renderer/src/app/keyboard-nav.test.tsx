// @vitest-environment jsdom
// Keyboard paths a QA pass found long: the first Tab stop skips to the list, and the
// sidebar's apps are one arrow key apart.
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, cleanUpAfterEachTest } from '../test/render-app';

cleanUpAfterEachTest();

describe('keyboard navigation', () => {
  it('the skip link is the first control and moves the focus to the sessions list', async () => {
    await renderApp();
    const skip = screen.getByTestId('skip-to-list');
    const first = document.querySelector<HTMLElement>('button, [href], input, select, [tabindex]:not([tabindex="-1"])');
    expect(first).toBe(skip);
    fireEvent.click(skip);
    expect(document.activeElement).toBe(screen.getByTestId('sessions-table'));
  });

  it('Up/Down/Home/End move between the apps of the sidebar', async () => {
    await renderApp();
    const apps = screen.getAllByTestId('app-item');
    expect(apps.length).toBeGreaterThan(1);
    apps[0]!.focus();
    fireEvent.keyDown(apps[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(apps[1]);
    fireEvent.keyDown(apps[1]!, { key: 'End' });
    expect(document.activeElement).toBe(apps[apps.length - 1]);
    fireEvent.keyDown(apps[apps.length - 1]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(apps[apps.length - 1]); // stays at the end
    fireEvent.keyDown(apps[apps.length - 1]!, { key: 'Home' });
    expect(document.activeElement).toBe(apps[0]);
  });
});

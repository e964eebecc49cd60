// Renders the whole App against a FakeClient, with fresh stores, for component tests.

import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect } from 'vitest';
import { App } from '../app/App';
import { createI18n, type Language } from '../i18n';
import { resetNotifyPref } from '../features/inbox/notifications';
import { resetAudit } from '../features/activity/audit-store';
import { resetInbox } from '../features/inbox/inbox-store';
import { resetPush } from '../features/push/push-store';
import { resetUi } from '../store/ui';
import { resetWorkspace } from '../store/workspace';
import { FakeClient, type FakeOptions } from './fake-client';

// jsdom has no layout and no element scrolling; the virtualizer only needs these to exist.
if (typeof Element !== 'undefined' && !Element.prototype.scrollTo) {
  Element.prototype.scrollTo = function scrollTo() {};
}

/** Registers cleanup between tests (vitest runs without globals, so RTL cannot do it itself). */
export function cleanUpAfterEachTest(): void {
  afterEach(() => {
    cleanup();
    resetUi();
    resetWorkspace();
    resetPush();
    resetInbox();
    resetAudit();
    try {
      localStorage.clear();
    } catch {
      // no storage: nothing to clear
    }
    resetNotifyPref();
  });
}

export async function renderApp(opts: FakeOptions & { lang?: Language } = {}) {
  resetUi();
  resetWorkspace();
  resetPush();
  resetInbox();
  resetAudit();
  resetNotifyPref();
  const client = new FakeClient(opts);
  const i18n = createI18n(opts.lang ?? 'en');
  const utils = render(<App client={client} i18n={i18n} />);
  if ((opts.phase ?? 'ready') === 'ready') {
    await waitFor(() => {
      if (screen.queryAllByTestId('session-row').length === 0) throw new Error('rows not rendered yet');
    });
  }
  return { client, i18n, ...utils };
}

/** Runs a function and lets the fake client's promises and events settle. */
export async function settle(fn?: () => unknown): Promise<void> {
  await act(async () => {
    await fn?.();
    await new Promise((r) => setTimeout(r, 0));
  });
}

export function rowIds(): string[] {
  return screen.getAllByTestId('session-row').map((r) => r.getAttribute('data-id') ?? '');
}

export function rowDevices(): string[] {
  return screen
    .getAllByTestId('session-row')
    .map((r) => r.querySelector('.cell--device .cell__text')?.textContent ?? '');
}

/** The sessions table's row whose text names `device`. */
export function sessionRow(device: string): HTMLElement {
  const found = screen.getAllByTestId('session-row').find((r) => r.textContent?.includes(device));
  if (!found) throw new Error(`no row for ${device}`);
  return found;
}

/** Device names of the selected rows of the sessions table, top to bottom. */
export function selectedDevices(): string[] {
  return screen
    .getAllByTestId('session-row')
    .filter((r) => r.getAttribute('aria-selected') === 'true')
    .map((r) => r.querySelector('.cell--device .cell__text')?.textContent ?? '');
}

/** Sorts the sample data's table by device name (and checks the order it starts from). */
export async function sortByDevice(): Promise<void> {
  await settle(() => fireEvent.click(screen.getByRole('button', { name: 'Device' })));
  expect(rowDevices()).toEqual(['iPad Air', 'iPhone 9', 'iPhone 15 Pro']);
}

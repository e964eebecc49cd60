// Renders the whole App against a FakeClient, with fresh stores, for component tests.

import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach } from 'vitest';
import { App } from '../components/App';
import { createI18n, type Language } from '../i18n';
import { resetNotifyPref } from '../controller/notifications';
import { resetAudit } from '../store/audit';
import { resetInbox } from '../store/inbox';
import { resetPush } from '../store/push';
import { resetUi } from '../store/ui';
import { resetWorkspace } from '../store/workspace';
import { FakeClient, type FakeOptions } from './fake-client';

// jsdom has no layout and no element scrolling; the virtualizer only needs these to exist.
if (typeof Element !== 'undefined' && !Element.prototype.scrollTo) {
  Element.prototype.scrollTo = function scrollTo() {};
}

/** Registers cleanup between tests (vitest runs without globals, so RTL cannot do it itself). */
export function useRendererTestCleanup(): void {
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
  return screen.getAllByTestId('session-row').map((r) => r.querySelector('.cell--device .cell__text')?.textContent ?? '');
}

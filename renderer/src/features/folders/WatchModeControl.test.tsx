// @vitest-environment jsdom
// How the folder is watched, in the status bar (browser mode too, where the
// folder list is hidden with one folder): the reason is shown, the per-folder
// choice calls setWatchMode, a mode forced at start offers no choice; and the
// folder is re-checked when the window comes to the front, at most every 2 s.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WatchInfo } from '../../../../shared/types';
import { renderApp, settle, cleanUpAfterEachTest } from '../../test/render-app';
import { recheckOnFocus, RECHECK_EVERY_MS } from './focus-recheck';
import { resetFolders } from './folders-store';

cleanUpAfterEachTest();

const SHARE: WatchInfo = {
  mode: 'polling',
  preference: 'auto',
  reason: 'network',
  fsType: 'fuse.sshfs',
  network: true,
};

async function renderWatched(watch: WatchInfo) {
  resetFolders();
  const r = await renderApp({ host: 'browser' });
  r.client.watch = watch;
  await settle(() => r.client.emit({ type: 'state', state: r.client.snapshot() }));
  await settle(() =>
    r.client.emit({
      type: 'folders',
      folders: [
        {
          id: 'f1',
          root: '/srv/4d/Data/MobileApps',
          label: 'MobileApps',
          isDemo: false,
          phase: 'ready',
          error: null,
          pending: 0,
          unpushed: 0,
          active: true,
          watchMode: watch.mode,
          watch,
        },
      ],
    }),
  );
  return r;
}

describe('watch mode in the status bar', () => {
  it('says why the folder is polled, and the per-folder choice switches it (browser mode, one folder)', async () => {
    const { client } = await renderWatched(SHARE);
    expect(screen.queryByTestId('folders-section')).toBeNull();
    const control = screen.getByTestId('watch-mode');
    expect(control.textContent).toContain('Polling: network share (fuse.sshfs)');
    const select = within(control).getByTestId('watch-mode-select') as HTMLSelectElement;
    expect(select.value).toBe('auto');
    await settle(() => fireEvent.change(select, { target: { value: 'native' } }));
    expect(client.callsOf('setWatchMode')).toEqual([['f1', 'native']]);
    await waitFor(() =>
      expect(screen.getByTestId('watch-mode').textContent).toContain('Native events (chosen for this folder)'),
    );
  });

  it('a mode forced for every folder at start is shown without a choice', async () => {
    await renderWatched({ ...SHARE, reason: 'forced' });
    expect(screen.getByTestId('watch-mode').textContent).toBe('Polling (set for every folder at start)');
    expect(screen.queryByTestId('watch-mode-select')).toBeNull();
  });

  it('re-checks the folder when the window comes to the front', async () => {
    const { client } = await renderWatched(SHARE);
    await settle(() => window.dispatchEvent(new Event('focus')));
    await waitFor(() => expect(client.callsOf('recheck').length).toBeGreaterThanOrEqual(1));
  });
});

describe('recheckOnFocus', () => {
  it('asks at most once per RECHECK_EVERY_MS, and never while the page is hidden', async () => {
    const { client, unmount } = await renderWatched(SHARE);
    unmount(); // the app's own listener (real clock) is removed; the client stays the api
    const before = client.callsOf('recheck').length;
    let clock = 1_000_000;
    const off = recheckOnFocus(() => clock);
    try {
      window.dispatchEvent(new Event('focus'));
      window.dispatchEvent(new Event('focus'));
      document.dispatchEvent(new Event('visibilitychange'));
      expect(client.callsOf('recheck').length - before).toBe(1);
      clock += RECHECK_EVERY_MS;
      window.dispatchEvent(new Event('focus'));
      expect(client.callsOf('recheck').length - before).toBe(2);
      clock += RECHECK_EVERY_MS;
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      expect(client.callsOf('recheck').length - before).toBe(2);
    } finally {
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
      off();
    }
  });
});

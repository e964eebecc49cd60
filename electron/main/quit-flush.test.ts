import { describe, expect, it, vi } from 'vitest';
import { flushBeforeQuit, type QuitEvent } from './quit-flush';

/** Electron's quit: 'before-quit' listeners run, returned promises are ignored. */
function fakeApp() {
  const listeners: ((e: QuitEvent) => void)[] = [];
  const app = {
    quits: 0,
    ended: false,
    on: (_: 'before-quit', l: (e: QuitEvent) => void) => listeners.push(l),
    quit() {
      app.quits++;
      let prevented = false;
      for (const l of listeners) l({ preventDefault: () => (prevented = true) });
      if (!prevented) app.ended = true;
    },
  };
  return app;
}

describe('flushBeforeQuit', () => {
  it('holds the quit until the flush is done, then quits again', async () => {
    const app = fakeApp();
    let done = false;
    flushBeforeQuit(app, async () => {
      await new Promise((r) => setTimeout(r, 30));
      done = true;
    });
    app.quit();
    app.quit(); // a second Cmd+Q while flushing waits too
    expect(app.ended).toBe(false);
    await vi.waitFor(() => expect(app.ended).toBe(true));
    expect(done).toBe(true);
  });

  it('quits anyway when the flush hangs (bounded) or fails', async () => {
    const hung = fakeApp();
    flushBeforeQuit(hung, () => new Promise(() => {}), 50);
    hung.quit();
    await vi.waitFor(() => expect(hung.ended).toBe(true));
    const failing = fakeApp();
    flushBeforeQuit(failing, () => Promise.reject(new Error('disk gone')), 50);
    failing.quit();
    await vi.waitFor(() => expect(failing.ended).toBe(true));
  });
});

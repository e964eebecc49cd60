// Quitting without losing data. Electron does not wait for promises returned by
// 'before-quit' listeners (electron/electron#27201): the process ends while the
// engine is still writing the unpushed changes, the audit entries and the
// window size. So the first 'before-quit' is cancelled, the flush is awaited
// (bounded: a hung share must not keep the app from quitting), and the quit is
// asked again; that second one goes through. No Electron import.

export interface QuitEvent {
  preventDefault(): void;
}

export interface QuittableApp {
  on(event: 'before-quit', listener: (event: QuitEvent) => void): unknown;
  quit(): void;
}

/** How long a quit waits for the flush before giving up on it. */
export const QUIT_FLUSH_TIMEOUT_MS = 5000;

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs `flush` once before the app quits. Returns a function that runs the same
 * flush now (for callers that end the process themselves).
 */
export function flushBeforeQuit(
  app: QuittableApp,
  flush: () => Promise<void>,
  timeoutMs = QUIT_FLUSH_TIMEOUT_MS,
): () => Promise<void> {
  let state: 'running' | 'flushing' | 'flushed' = 'running';
  let flushing: Promise<void> | null = null;
  const runFlush = (): Promise<void> => {
    flushing ??= within(
      flush().catch((err: unknown) => console.error('Could not save everything before quitting:', err)),
      timeoutMs,
    ).then((outcome) => {
      if (outcome === 'timeout')
        console.error(`Quitting before everything was saved: still writing after ${timeoutMs} ms.`);
      state = 'flushed';
    });
    return flushing;
  };
  app.on('before-quit', (event) => {
    if (state === 'flushed') return; // the second quit: let it through
    event.preventDefault();
    if (state === 'flushing') return; // already waiting (a second Cmd+Q)
    state = 'flushing';
    void runFlush().then(() => app.quit());
  });
  return runFlush;
}

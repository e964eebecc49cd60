// Like 4D's own component, the folder is re-checked when the window comes to the
// front: the engine compares it with its index by directory listings and
// attributes (no full re-read) and re-reads only what differs. Throttled: a
// burst of focus and visibility events costs one look every RECHECK_EVERY_MS.

import { api } from '../../controller/context';

export const RECHECK_EVERY_MS = 2000;

/** Installs the listeners; returns the function that removes them. `now` is injectable for tests. */
export function recheckOnFocus(now: () => number = () => Date.now()): () => void {
  let last = -Infinity;
  const recheck = (): void => {
    if (document.visibilityState === 'hidden' || now() - last < RECHECK_EVERY_MS) return;
    last = now();
    // No folder open, a folder being read, a share gone: the watcher and the health check report those.
    api()
      .recheck()
      .catch(() => undefined);
  };
  window.addEventListener('focus', recheck);
  document.addEventListener('visibilitychange', recheck);
  return () => {
    window.removeEventListener('focus', recheck);
    document.removeEventListener('visibilitychange', recheck);
  };
}

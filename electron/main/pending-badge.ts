// "Needs approval" on the dock / launcher icon: the number of pending sessions
// across the open folders' apps. macOS and Unity-based Linux desktops show
// app.setBadgeCount; elsewhere the window title (set by the page) carries it.

import type { App } from 'electron';
import type { AppFolder, EngineEvent } from '../../shared/types';

export function pendingTotal(apps: readonly AppFolder[]): number {
  return apps.reduce((sum, a) => sum + a.counts.pending, 0);
}

export function trackPendingBadge(app: Pick<App, 'setBadgeCount'>, onEvent: (l: (e: EngineEvent) => void) => () => void): () => void {
  let shown = -1;
  // With several folders open, 'folders' events carry every folder's pending count: the badge
  // then shows their sum, and the active folder's own app counts no longer set it.
  let everyFolder = false;
  return onEvent((e) => {
    let total: number;
    if (e.type === 'folders') {
      everyFolder = true;
      total = e.folders.reduce((sum, f) => sum + f.pending, 0);
    } else {
      const apps = e.type === 'apps' ? e.apps : e.type === 'state' ? e.state.apps : null;
      if (!apps || everyFolder) return;
      total = pendingTotal(apps);
    }
    if (total === shown) return;
    shown = total;
    app.setBadgeCount(total);
  });
}

// What a rescan changed, as events: the fresh index replaces the old one, and the
// UI only hears about the records that differ (a refresh of 100,000 unchanged
// sessions sends nothing), the apps that came or went, and the new pending ones.

import type { SessionRecord } from '../../../shared/types';
import type { FolderWatcher } from '../watch/folder-watcher';
import type { EventBatcher } from './event-batcher';
import type { IndexUpdater } from './index-updater';
import type { SessionIndex } from './session-index';

export interface IndexDifferenceSinks {
  batcher: EventBatcher;
  updater: IndexUpdater | null;
  watcher: FolderWatcher | null;
}

export function emitIndexDifference(old: SessionIndex, fresh: SessionIndex, sinks: IndexDifferenceSinks): void {
  const { batcher, updater, watcher } = sinks;
  for (const [app, entry] of fresh.apps) {
    const before = old.apps.get(app);
    const upserted: SessionRecord[] = [];
    for (const [id, r] of entry.sessions) {
      const o = before?.sessions.get(id);
      if (!o || o.mtimeMs !== r.mtimeMs || o.size !== r.size || o.status !== r.status || o.email !== r.email)
        upserted.push(r);
      // A session found by the rescan that was not pending before is news, like a watcher's.
      if (updater?.isNewPending(r, o)) batcher.newPending(r);
    }
    const removed = before ? [...before.sessions.keys()].filter((id) => !entry.sessions.has(id)) : [];
    batcher.upsert(app, upserted);
    batcher.remove(app, removed);
    if (!before) watcher?.addApp(app);
  }
  for (const [app, entry] of old.apps) {
    if (fresh.apps.has(app)) continue;
    batcher.remove(app, [...entry.sessions.keys()]);
    watcher?.removeApp(app);
  }
}

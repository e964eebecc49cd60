// The window title: "Mobile Session Manager (3 pending)". The desktop shell shows
// the page's title, so the pending count reaches the title bar and the taskbar.
// A bulk action sends many changes of the counts in a row: the title is worked out
// once they have arrived (when the page is idle, at most a second late; one task later
// where there is no idle callback), and written only when its text changes.

import { useFolders } from '../features/folders/folders-store';
import { useWorkspace } from '../store/workspace';
import { language, t } from './context';

/** Pending sessions of the active folder; over every open folder when several are open. */
export function pendingTotal(): number {
  const { folders } = useFolders.getState();
  if (folders.length > 1) return folders.reduce((sum, f) => sum + f.pending, 0);
  let n = 0;
  for (const app of useWorkspace.getState().apps) n += app.counts.pending;
  return n;
}

/** The last title worked out, by what it depends on (the count and the language). */
let last: { count: number; language: string; title: string } | null = null;

function titleFor(count: number): string {
  const lang = language();
  if (last && last.count === count && last.language === lang) return last.title;
  const title = count > 0 ? t('app.titlePending', { title: t('app.title'), count }) : t('app.title');
  last = { count, language: lang, title };
  return title;
}

export function updateTitle(): void {
  const title = titleFor(pendingTotal());
  if (typeof document !== 'undefined' && document.title !== title) document.title = title;
}

type Idle = (cb: () => void, options: { timeout: number }) => number;
const idle = (globalThis as { requestIdleCallback?: Idle }).requestIdleCallback;
const cancelIdle = (globalThis as { cancelIdleCallback?: (handle: number) => void }).cancelIdleCallback;

/** The pending update: an idle callback's handle, or a timer's. */
let scheduled: { idle: number } | { timer: ReturnType<typeof setTimeout> } | null = null;

function runScheduled(): void {
  scheduled = null;
  updateTitle();
}

/** One update for a burst of changes, not one per change. */
function scheduleUpdate(): void {
  if (scheduled) return;
  scheduled =
    idle && cancelIdle ? { idle: idle(runScheduled, { timeout: 1000 }) } : { timer: setTimeout(runScheduled, 0) };
}

function cancelScheduled(): void {
  if (scheduled && 'idle' in scheduled) cancelIdle?.(scheduled.idle);
  else if (scheduled) clearTimeout(scheduled.timer);
  scheduled = null;
}

/** Keeps the title current; returns the unsubscribe function. */
export function watchTitle(): () => void {
  last = null; // the language may have changed since
  updateTitle();
  const offWs = useWorkspace.subscribe((s, prev) => {
    if (s.apps !== prev.apps) scheduleUpdate();
  });
  const offFolders = useFolders.subscribe((s, prev) => {
    if (s.folders !== prev.folders) scheduleUpdate();
  });
  return () => {
    offWs();
    offFolders();
    cancelScheduled();
  };
}

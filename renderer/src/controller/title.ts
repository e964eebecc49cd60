// The window title: "Mobile Session Manager (3 pending)". The desktop shell shows
// the page's title, so the pending count reaches the title bar and the taskbar.

import { useFolders } from '../features/folders/folders-store';
import { useWorkspace } from '../store/workspace';
import { t } from './context';

/** Pending sessions of the active folder; over every open folder when several are open. */
export function pendingTotal(): number {
  const { folders } = useFolders.getState();
  if (folders.length > 1) return folders.reduce((sum, f) => sum + f.pending, 0);
  let n = 0;
  for (const app of useWorkspace.getState().apps) n += app.counts.pending;
  return n;
}

export function updateTitle(): void {
  const n = pendingTotal();
  const title = n > 0 ? t('app.titlePending', { title: t('app.title'), count: n }) : t('app.title');
  if (typeof document !== 'undefined' && document.title !== title) document.title = title;
}

/** Keeps the title current; returns the unsubscribe function. */
export function watchTitle(): () => void {
  updateTitle();
  const offWs = useWorkspace.subscribe((s, prev) => {
    if (s.apps !== prev.apps) updateTitle();
  });
  const offFolders = useFolders.subscribe((s, prev) => {
    if (s.folders !== prev.folders) updateTitle();
  });
  return () => {
    offWs();
    offFolders();
  };
}

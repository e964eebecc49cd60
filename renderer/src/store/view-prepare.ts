// Keeps the table from building a big app's order in one long task. When the app on
// screen, its sort, or its sessions change and the shown column has no index (another
// app was shown since, a Refresh changed too much, a header clicked before idle time
// built it), the index is built in slices first; the table shows its spinner meanwhile.

import { create } from 'zustand';
import { runPaced } from './paced-steps';
import { prepareShownColumn, shownColumnReady } from './session-view';
import { useUi } from './ui';
import type { AppSessions } from './session-index';
import { PACED_LOAD_MIN, useWorkspace } from './workspace';

/** The app whose view is being prepared (the table shows a spinner for it), or null. */
export const usePreparing = create<{ app: string | null }>(() => ({ app: null }));

let running: string | null = null;

function stop(): void {
  running = null;
  if (usePreparing.getState().app !== null) usePreparing.setState({ app: null });
}

/** Call on every change of the selected app, the sort or the sessions (before the table renders). */
export function prepareShownView(): void {
  const { selectedApp, sort } = useUi.getState();
  const s = selectedApp ? useWorkspace.getState().sessions.get(selectedApp) : undefined;
  if (!s || s.records.size < PACED_LOAD_MIN || shownColumnReady(s, sort)) {
    if (running !== null && running !== `${selectedApp ?? ''}\0${sort.key}`) stop();
    return;
  }
  const key = `${s.app}\0${sort.key}`;
  if (running === key) return;
  running = key;
  usePreparing.setState({ app: s.app });
  const latest = () => useWorkspace.getState().sessions.get(s.app);
  void runPaced(prepareShownColumn(s, sort, latest), { cancelled: () => running !== key }).then(() => {
    if (running === key) stop();
  });
}

/** The app's sessions for the views that sort them: undefined while its view is prepared (a spinner shows). */
export function useShownSessions(app: string | null): AppSessions | undefined {
  const sessions = useWorkspace((s) => (app ? s.sessions.get(app) : undefined));
  const preparing = usePreparing((p) => app !== null && p.app === app);
  return preparing ? undefined : sessions;
}

// Reads the audit log for the Activity view: when the view opens and after every
// change the app makes (status, e-mail, delete, undo, push).

import { describeError } from '../../lib/errors';
import { useAudit } from './audit-store';
import { useUi } from '../../store/ui';
import { useWorkspace } from '../../store/workspace';
import { api, t } from '../../controller/context';

const LIMIT = 5000;
let running: Promise<void> | null = null;
let again = false;

export function loadAudit(): Promise<void> {
  if (running) {
    again = true; // one more read once this one lands, so the last change is in
    return running;
  }
  useAudit.setState({ loading: true });
  const { thisFolderOnly } = useAudit.getState();
  const root = useWorkspace.getState().state?.root ?? null;
  const query = thisFolderOnly && root ? { limit: LIMIT, folder: root } : { limit: LIMIT };
  running = api()
    .readAuditLog(query)
    .then((entries) => useAudit.setState({ entries, loading: false, error: null }))
    .catch((err: unknown) => useAudit.setState({ loading: false, error: describeError(t, err) }))
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        void loadAudit();
      }
    });
  return running;
}

/** Called after each action and push: re-reads the log when the Activity view is open. */
export function auditChanged(): void {
  if (useUi.getState().view === 'activity') void loadAudit();
}

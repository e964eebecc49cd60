// The command line's handle on the engine's one action pipeline: the same
// SessionActions the desktop app and browser mode use, on the same data
// directory, so `accept`, `hold` and `delete` are logged (source "cli") and
// counted as unpushed exactly like a click in the app.

import type { ActionResult } from '../../shared/types';
import { ActionRecorder } from '../engine/actions/action-recorder';
import { SessionActions } from '../engine/actions/session-actions';
import { UndoLog } from '../engine/actions/undo-log';
import { AuditLog } from '../engine/audit/audit-log';
import { folderTrash } from '../engine/edit/session-delete';
import { trashDir } from '../engine/paths';
import { UnpushedStore } from '../engine/push/unpushed-store';
import { CliError, EXIT } from './cli-error';

export interface CliPipeline {
  actions: SessionActions;
  /** Audit log + unpushed changes, shared with the app through the data directory. */
  recorder: ActionRecorder;
  /** Waits for the audit entry and the unpushed change; throws when either could not be written. */
  recorded(what: string): Promise<void>;
}

export async function cliPipeline(root: string, dataDir: string, concurrency?: number): Promise<CliPipeline> {
  const unpushed = new UnpushedStore(dataDir);
  await unpushed.load();
  const recorder = new ActionRecorder(new AuditLog(dataDir, { source: 'cli' }), unpushed);
  // The undo log lives as long as this process: a command's changes are undone by another command, not by id.
  const actions = new SessionActions({
    root,
    trash: folderTrash(trashDir(dataDir)),
    recorder,
    undo: new UndoLog(),
    concurrency,
  });
  return {
    actions,
    recorder,
    async recorded(what) {
      const failures = await recorder.settled();
      if (failures.length > 0)
        throw new CliError(EXIT.failure, `The sessions were ${what}, but ${failures.join('; ')}`);
    },
  };
}

/** 0 when nothing failed, 4 when some did, 1 when all did. */
export function exitFor(result: ActionResult): 0 | 1 | 4 {
  if (result.failed.length === 0) return 0;
  return result.done.length === 0 ? 1 : 4;
}

// What every action leaves behind besides the files: one audit-log entry and
// one unpushed change, in the data directory every front end shares. The
// records are not gates: failing to write them never fails or undoes the
// action, and the action does not wait for their fsync (each is queued in
// order at once, so it keeps the action's time and order). Whoever must know
// (the command line's exit code, close(), readAuditLog) awaits settled().

import { randomUUID } from 'node:crypto';
import { toErrorInfo } from '../../../shared/api-error';
import type { SessionRef } from '../../../shared/types';
import type { AuditLog, AuditEntryInput } from '../audit/audit-log';
import type { ExpectedField, UnpushedAction, UnpushedKind, UnpushedStore } from '../push/unpushed-store';

/** The value a status/e-mail action (or an undo of one) set: one for all refs, or one per ref. */
export interface SetValues {
  field: ExpectedField;
  values: string[];
}

const UNPUSHED_FAILED = 'The unpushed changes file could not record this change';

export class ActionRecorder {
  private readonly pending = new Set<Promise<void>>();
  private failures: string[] = [];

  constructor(
    readonly audit: AuditLog,
    readonly unpushed: UnpushedStore,
  ) {}

  /** An action that changed `refs` in `root`: counted as unpushed and logged under its id. */
  action(
    root: string,
    actionId: string,
    kind: UnpushedKind,
    refs: SessionRef[],
    entry: AuditEntryInput,
    set?: SetValues,
  ): void {
    if (refs.length === 0) return;
    this.track(this.unpushed.add(root, unpushedAction(actionId, kind, refs, set)), UNPUSHED_FAILED);
    this.logAudit({ ...entry, actionId });
  }

  /**
   * An undo of `undone`: not pushed yet, the change never reaches the server, so it no
   * longer counts; already pushed, the undo is itself a change the server has not seen.
   */
  undo(root: string, undone: string, refs: SessionRef[], entry: AuditEntryInput, set?: SetValues): void {
    if (this.unpushed.has(root, undone)) this.track(this.unpushed.remove(root, undone), UNPUSHED_FAILED);
    else if (refs.length > 0)
      this.track(this.unpushed.add(root, unpushedAction(randomUUID(), 'undo', refs, set)), UNPUSHED_FAILED);
    if (entry.sessions.length > 0) this.logAudit(entry);
  }

  logAudit(entry: AuditEntryInput): void {
    this.track(
      this.audit.append(entry),
      `The audit log could not record a "${entry.action}" action of ${entry.sessions.length} session(s)`,
    );
  }

  /** Keeps a record's write in flight until settled(); a failure is warned about (`failure`: what was not recorded) and kept. */
  track(write: Promise<unknown>, failure: string): void {
    const done = write.then(
      () => undefined,
      (err: unknown) => {
        const message = `${failure}: ${toErrorInfo(err).message}`;
        this.failures.push(message);
        console.warn(message);
      },
    );
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
  }

  /** Waits for every record written so far; returns (and forgets) the failures among them. */
  async settled(): Promise<string[]> {
    await Promise.all([...this.pending]);
    const failures = this.failures;
    this.failures = [];
    return failures;
  }
}

function unpushedAction(id: string, kind: UnpushedKind, refs: SessionRef[], set?: SetValues): UnpushedAction {
  const action: UnpushedAction = { id, kind, refs, at: new Date().toISOString() };
  return set ? { ...action, field: set.field, values: set.values } : action;
}

// The one action pipeline: set status, set e-mail, delete and undo on the
// sessions of one MobileApps folder, for every front end (desktop app, browser
// mode, command line). Per action: each file is edited atomically and parsed
// once (editSessionFile hands back the records), the live index (when there is
// one) is updated at once, and the ActionRecorder writes one audit entry and one
// unpushed change. Arguments are checked at the transport boundary (IPC, HTTP)
// and once more by editSessionFile just before bytes are written.
//
// Every file operation goes through `edit`/`remove`/`restore` below, each inside
// the cross-process lock of that session (lock/file-lock.ts): our own processes
// (desktop app, browser mode, command line) never interleave their read-modify-write
// of one file. Each status/e-mail action records the value set, so a file that
// later says something else is reported as overwritten (overwrite-tracker.ts).

import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api-error';
import type { ActionResult, SessionRecord, SessionRef, SessionStatus } from '../../../shared/types';
import type { AuditSessionChange, AuditValue } from '../../../shared/audit';
import type { AuditEntryInput } from '../audit/audit-log';
import { deleteSessionFile, restoreSessionFile, type DeletedSession, type TrashFunction } from '../edit/session-delete';
import { editSessionFile, type EditPrecondition, type EditResult, type SessionEdit } from '../edit/session-edit';
import { withLock, type LockOptions } from '../lock/file-lock';
import type { ExpectedField, UnpushedKind } from '../push/unpushed-store';
import { parseSessionBytes } from '../session/session-file';
import { readSessionAsync } from '../session/session-read';
import type { ActionRecorder } from './action-recorder';
import { refKey, runPerRef, type PerRefResult } from './per-ref';
import type { UndoEntry, UndoLog } from './undo-log';

/** The in-memory index of an open folder, told about our own writes (absent in the command line). */
export interface LiveIndex {
  beginOwnWrite(app: string, id: string): void;
  endOwnWrite(app: string, id: string, written: { mtimeMs: number; size: number } | null): void;
  upsertRecord(record: SessionRecord, appName?: string | null): void;
  removeFile(app: string, id: string): void;
  markDirty(app: string, id: string): void;
}

export interface SessionActionsDeps {
  /** The resolved MobileApps root (resolveMobileAppsRoot). */
  root: string;
  trash: TrashFunction;
  recorder: ActionRecorder;
  undo: UndoLog;
  /** The live index while this root is the one open; null once another folder is. */
  live?: () => LiveIndex | null;
  /** Called after the unpushed count may have changed. */
  onUnpushedChange?: () => void;
  /** Files edited/deleted in parallel. */
  concurrency?: number;
  /** Told when an action starts and ends (its own writes are no overwrites). */
  tracker?: { actionStarted(): void; actionEnded(): void };
  /** Where the cross-process locks live (default: lock/file-lock.ts defaultLockDir). */
  lock?: LockOptions;
}

/** The lock of one session file: the folder's real path (the root is resolved) plus the session. */
export function sessionLockKey(root: string, ref: SessionRef): string {
  return `session:${root}\0${ref.app}/${ref.id}`;
}

/** An ActionResult plus which of the done sessions already had the value (nothing written). */
export interface ActionOutcome extends ActionResult {
  unchanged: SessionRef[];
}

export class SessionActions {
  constructor(private readonly deps: SessionActionsDeps) {}

  setStatus(refs: SessionRef[], status: SessionStatus): Promise<ActionOutcome> {
    return this.editAll(refs, { status }, 'status', (r) => r.status);
  }

  setEmail(refs: SessionRef[], email: string): Promise<ActionOutcome> {
    return this.editAll(refs, { email }, 'email', (r) => r.email);
  }

  async deleteSessions(refs: SessionRef[]): Promise<ActionOutcome> {
    const { root } = this.deps;
    const deleted: DeletedSession[] = [];
    const result = await this.run(refs, async (ref) => deleted.push(await this.remove(ref)));
    const sessions = deleted.map((d) => ({ app: d.ref.app, id: d.ref.id, before: deletedSummary(d) }));
    const actionId = this.finish(
      result,
      'delete',
      result.done,
      { kind: 'delete', root, deleted },
      { folder: root, action: 'delete', sessions },
    );
    return { actionId, ...result, unchanged: [] };
  }

  /** Reverts a whole action of this folder; the result has no action id (an undo is not undone). */
  async undo(actionId: string): Promise<ActionOutcome> {
    const { root } = this.deps;
    const entry = this.deps.undo.take(actionId, root);
    if (!entry) {
      throw new ApiError(
        'not-found',
        'This action can no longer be undone (it is too old, or from another folder or session).',
      );
    }
    const changes: AuditSessionChange[] = [];
    const result = await this.revert(actionId, entry, changes);
    this.deps.recorder.undo(
      root,
      actionId,
      result.done,
      { folder: root, action: 'undo', undoes: actionId, sessions: changes },
      restoredValues(entry, result.done),
    );
    this.deps.onUnpushedChange?.();
    return { actionId: null, ...result, unchanged: [] };
  }

  private async editAll<V extends SessionStatus | string>(
    refs: SessionRef[],
    edit: SessionEdit,
    kind: 'status' | 'email',
    valueOf: (r: SessionRecord) => V | null,
  ): Promise<ActionOutcome> {
    const { root } = this.deps;
    const prev: { ref: SessionRef; value: V | null }[] = [];
    const changes: AuditSessionChange[] = [];
    const changed: SessionRef[] = [];
    const after = (kind === 'status' ? edit.status : edit.email) as V;
    const result = await this.run(refs, async (ref) => {
      const out = await this.edit(ref, edit);
      if (!out.changed) return; // already had the value: nothing for an undo to revert
      prev.push({ ref, value: valueOf(out.beforeRecord) });
      changed.push(ref);
      changes.push(change(ref, valueOf(out.beforeRecord), after));
    });
    const undo = (
      kind === 'status'
        ? { kind, root, set: after, prev }
        : { kind, root, set: after, prev: prev.map((p) => ({ ref: p.ref, value: p.value ?? '' })) }
    ) as UndoEntry;
    const action = kind === 'status' ? 'set-status' : 'set-email';
    const set = { field: kind, values: [after as string] };
    const actionId = this.finish(result, kind, changed, undo, { folder: root, action, sessions: changes }, set);
    const changedKeys = new Set(changed.map(refKey));
    return { actionId, ...result, unchanged: result.done.filter((r) => !changedKeys.has(refKey(r))) };
  }

  /**
   * Reverts what the action changed, session by session, only where it still stands: a
   * session a later action of ours changed again, or whose file no longer says what the
   * action wrote, is left as it is and listed as failed ('conflict').
   */
  private async revert(actionId: string, entry: UndoEntry, changes: AuditSessionChange[]): Promise<PerRefResult> {
    const { root, undo } = this.deps;
    const lastChange = async (ref: SessionRef, step: () => Promise<void>) => {
      try {
        if (!undo.isLastChange(root, ref, entry.kind, actionId)) {
          throw new ApiError(
            'conflict',
            `Session ${ref.id} of app ${ref.app} was changed again by a later action; it was left as it is (undo that one first).`,
          );
        }
        await step();
      } finally {
        undo.release(root, ref, entry.kind, actionId);
      }
    };
    // Maps by ref key: a bulk undo of 100,000 sessions must not search a list per session.
    if (entry.kind === 'delete') {
      const byKey = new Map(entry.deleted.map((d) => [refKey(d.ref), d]));
      return this.run(
        entry.deleted.map((d) => d.ref),
        (ref) =>
          lastChange(ref, async () => {
            const d = byKey.get(refKey(ref)) as DeletedSession;
            await this.restore(d);
            changes.push({ app: ref.app, id: ref.id, before: null, after: deletedSummary(d) });
          }),
      );
    }
    const expect = { field: entry.kind, value: entry.set };
    const byKey = new Map<string, SessionStatus | string | null>(entry.prev.map((p) => [refKey(p.ref), p.value]));
    return this.run(
      entry.prev.map((p) => p.ref),
      (ref) =>
        lastChange(ref, async () => {
          const value = byKey.get(refKey(ref)) ?? null;
          if (entry.kind === 'status' && value === null)
            throw new ApiError('invalid-session', 'The previous status was not a valid value; it cannot be restored.');
          const edit = entry.kind === 'status' ? { status: value as SessionStatus } : { email: value ?? '' };
          const out = await this.edit(ref, edit, expect);
          changes.push(change(ref, out.beforeRecord[entry.kind], value ?? ''));
        }),
    );
  }

  /** Remembers the undo data and records what changed; the action id (null when nothing was done). */
  private finish(
    result: PerRefResult,
    kind: UnpushedKind,
    changed: SessionRef[],
    undo: UndoEntry,
    entry: AuditEntryInput,
    set?: { field: ExpectedField; values: string[] },
  ): string | null {
    if (result.done.length === 0) return null;
    const actionId = randomUUID();
    this.deps.undo.remember(actionId, undo);
    this.deps.recorder.action(this.deps.root, actionId, kind, changed, entry, set);
    this.deps.onUnpushedChange?.();
    return actionId;
  }

  private async run(refs: SessionRef[], step: (ref: SessionRef) => Promise<unknown>): Promise<PerRefResult> {
    this.deps.tracker?.actionStarted();
    try {
      return await runPerRef(refs, async (ref) => void (await step(ref)), this.deps.concurrency);
    } finally {
      this.deps.tracker?.actionEnded();
    }
  }

  /** Runs one file operation inside the cross-process lock of that session. */
  private locked<T>(ref: SessionRef, task: () => Promise<T>): Promise<T> {
    return withLock(sessionLockKey(this.deps.root, ref), task, {
      label: `session ${ref.id} of app ${ref.app}`,
      ...this.deps.lock,
    });
  }

  // ---- one file: the only places that write session files -------------------------------

  /** Edits one file and updates the live index at once (not waiting for the watcher). */
  private async edit(ref: SessionRef, edit: SessionEdit, expect?: EditPrecondition): Promise<EditResult> {
    const { root } = this.deps;
    return this.ownWrite(ref, async (live) => {
      const out = await this.locked(ref, () => editSessionFile(root, ref, edit, expect));
      live?.upsertRecord(out.afterRecord); // a no-op edit still brings a lagging index up to date
      return { value: out, written: { mtimeMs: out.mtimeMs, size: out.after.length } };
    });
  }

  private async remove(ref: SessionRef): Promise<DeletedSession> {
    const d = await this.locked(ref, () => deleteSessionFile(this.deps.root, ref, this.deps.trash));
    this.deps.live?.()?.removeFile(ref.app, ref.id);
    return d;
  }

  /** Undo of a delete: puts the exact bytes back and indexes them (never a "new pending" session). */
  private async restore(d: DeletedSession): Promise<void> {
    const { root } = this.deps;
    const { ref } = d;
    await this.ownWrite(ref, async (live) => {
      await this.locked(ref, () => restoreSessionFile(root, d));
      if (!live) return { value: undefined, written: null };
      const res = await readSessionAsync(root, ref.app, ref.id);
      if (res.kind !== 'record') {
        live.markDirty(ref.app, ref.id);
        return { value: undefined, written: null };
      }
      live.upsertRecord(res.record, res.appName);
      return { value: undefined, written: { mtimeMs: res.record.mtimeMs, size: res.record.size } };
    });
  }

  /**
   * Runs one write of ours to a session file, telling the live index so the watcher's echo
   * of it is never announced as a new pending session. `written` is what we wrote.
   */
  private async ownWrite<T>(
    ref: SessionRef,
    write: (live: LiveIndex | null) => Promise<{ value: T; written: { mtimeMs: number; size: number } | null }>,
  ): Promise<T> {
    const live = this.deps.live?.() ?? null;
    live?.beginOwnWrite(ref.app, ref.id);
    let written: { mtimeMs: number; size: number } | null = null;
    try {
      const out = await write(live);
      written = out.written;
      return out.value;
    } finally {
      live?.endOwnWrite(ref.app, ref.id, written);
    }
  }
}

/** What an undo of a status/e-mail action wrote back, per restored session (what the files must now say). */
function restoredValues(entry: UndoEntry, done: SessionRef[]): { field: ExpectedField; values: string[] } | undefined {
  if (entry.kind === 'delete') return undefined;
  const byKey = new Map<string, string | null>(entry.prev.map((p) => [refKey(p.ref), p.value]));
  return { field: entry.kind, values: done.map((r) => byKey.get(refKey(r)) ?? '') };
}

function change(ref: SessionRef, before: AuditValue, after: AuditValue): AuditSessionChange {
  return { app: ref.app, id: ref.id, before, after };
}

/** What the audit log keeps of a deleted session: enough to recognise it, not the whole file. */
export function deletedSummary(d: DeletedSession): AuditValue {
  const parsed = parseSessionBytes(d.ref.app, d.ref.id, d.bytes, { mtimeMs: d.mtimeMs, size: d.bytes.length });
  if (!parsed.ok) return { size: d.bytes.length };
  const r = parsed.record;
  return { status: r.status, email: r.email, device: r.deviceDescription, os: r.os };
}

// The Problems view's actions on the open folder: reveal a problem file, and move
// problem files to the trash with Undo (problem-trash.ts does the file work). Only a
// file the folder currently LISTS as a problem is acted on — the renderer's list may be
// stale, and this must never become a second way to delete a session that reads fine.
// Each trash and each undo is one audit entry ('delete' / 'undo'); nothing is counted
// as unpushed: 4D Server already ignores a file it cannot read, so it has nothing to reload.

import { randomUUID } from 'node:crypto';
import { ApiError, toErrorInfo } from '../../../shared/api-error';
import type { AuditSessionChange, AuditValue } from '../../../shared/audit';
import type { ActionFailure, ActionResult, Problem, ProblemRef, RevealResult, SessionRef } from '../../../shared/types';
import { withLock, type LockOptions } from '../lock/file-lock';
import type { ActionRecorder } from './action-recorder';
import {
  problemLabel,
  problemPath,
  restoreProblemFile,
  trashProblemFile,
  type ProblemTrashOptions,
  type TrashedProblem,
} from './problem-trash';
import { sessionLockKey } from './session-actions';

/** What the live index must hear about our own moves (IndexUpdater implements it). */
export interface ProblemLiveIndex {
  /** The file left the folder: drop its problem now (the watcher's echo then changes nothing). */
  removeFile(app: string, name: string): void;
  /** The file is back: read it as the watcher would (a session file, or manifest.json). */
  file(app: string, name: string): void;
}

interface ProblemUndoEntry {
  root: string;
  trashed: { item: TrashedProblem; code: Problem['code'] }[];
}

/** Recent problem trashes, by action id; bounded like the session undo log (bytes kept in memory). */
const MAX_UNDO = 100;

export class ProblemUndoLog {
  private readonly entries = new Map<string, ProblemUndoEntry>();

  has(actionId: string): boolean {
    return this.entries.has(actionId);
  }

  remember(actionId: string, entry: ProblemUndoEntry): void {
    this.entries.set(actionId, entry);
    if (this.entries.size > MAX_UNDO) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Removes and returns the entry when it belongs to `root`. */
  take(actionId: string, root: string): ProblemUndoEntry | undefined {
    const entry = this.entries.get(actionId);
    if (!entry || entry.root !== root) return undefined;
    this.entries.delete(actionId);
    return entry;
  }
}

export interface ProblemActionsDeps extends ProblemTrashOptions {
  root: string;
  recorder: ActionRecorder;
  undo: ProblemUndoLog;
  /** The folder's current problems (FolderIndex.problems()). */
  problems: () => Problem[];
  /** The live index while this root is open; null once another folder is. */
  live: () => ProblemLiveIndex | null;
  /** Desktop: shell.showItemInFolder. Absent in browser mode: the path is returned to show. */
  reveal?: (absPath: string) => Promise<boolean>;
  lock?: LockOptions;
}

/** In ActionResult refs a problem is named by its app and, as `id`, its file name. */
function asRef(ref: ProblemRef): SessionRef {
  return { app: ref.app, id: ref.file };
}

export class ProblemActions {
  constructor(private readonly deps: ProblemActionsDeps) {}

  async reveal(ref: ProblemRef): Promise<RevealResult> {
    const location = await problemPath(this.deps.root, ref);
    const shown = this.deps.reveal ? await this.deps.reveal(location) : false;
    return { shown, location };
  }

  /** One file after the other (at most 1000, each a rename or a ≤ 4 MiB read): simple, and order-stable in the audit. */
  async trash(refs: ProblemRef[]): Promise<ActionResult> {
    const { root } = this.deps;
    const listed = new Map(this.deps.problems().map((p) => [keyOf(p), p.code]));
    const trashed: ProblemUndoEntry['trashed'] = [];
    const failed: ActionFailure[] = [];
    for (const ref of refs) {
      try {
        await problemPath(root, ref); // a ref that leaves the folder is refused as such, listed or not
        const code = listed.get(keyOf(ref));
        if (code === undefined) {
          throw new ApiError(
            'not-found',
            `${problemLabel(ref)} is no longer listed as a problem (fixed or removed meanwhile); nothing was moved.`,
          );
        }
        const item = await this.locked(ref, () => trashProblemFile(root, ref, this.deps));
        trashed.push({ item, code });
        this.deps.live()?.removeFile(ref.app, ref.file);
      } catch (err) {
        failed.push({ ref: asRef(ref), error: toErrorInfo(err) });
      }
    }
    const done = trashed.map((t) => asRef(t.item.ref));
    if (trashed.length === 0) return { actionId: null, done, failed };
    const actionId = randomUUID();
    this.deps.undo.remember(actionId, { root, trashed });
    const sessions = trashed.map((t): AuditSessionChange => ({
      app: t.item.ref.app,
      id: t.item.ref.file,
      before: summary(t),
    }));
    this.deps.recorder.logAudit({ folder: root, action: 'delete', actionId, sessions });
    return { actionId, done, failed };
  }

  /** Puts back every file of a trash action; the result has no action id (an undo is not undone). */
  async undo(actionId: string): Promise<ActionResult> {
    const { root } = this.deps;
    const entry = this.deps.undo.take(actionId, root);
    if (!entry)
      throw new ApiError('not-found', 'This action can no longer be undone (it is too old, or from another folder).');
    const done: SessionRef[] = [];
    const failed: ActionFailure[] = [];
    const sessions: AuditSessionChange[] = [];
    for (const t of entry.trashed) {
      const { ref } = t.item;
      try {
        await this.locked(ref, () => restoreProblemFile(root, t.item));
        this.deps.live()?.file(ref.app, ref.file);
        done.push(asRef(ref));
        sessions.push({ app: ref.app, id: ref.file, before: null, after: summary(t) });
      } catch (err) {
        failed.push({ ref: asRef(ref), error: toErrorInfo(err) });
      }
    }
    if (sessions.length > 0) this.deps.recorder.logAudit({ folder: root, action: 'undo', undoes: actionId, sessions });
    return { actionId: null, done, failed };
  }

  /** The same cross-process lock as the session of that name (our CLI may be editing it). */
  private locked<T>(ref: ProblemRef, task: () => Promise<T>): Promise<T> {
    return withLock(sessionLockKey(this.deps.root, asRef(ref)), task, { label: problemLabel(ref), ...this.deps.lock });
  }
}

function keyOf(p: { app: string; file: string }): string {
  return `${p.app}\0${p.file}`;
}

/** What the audit log keeps of a trashed problem file: why it was a problem, and how it left. */
function summary(t: ProblemUndoEntry['trashed'][number]): AuditValue {
  const { item } = t;
  if (item.how === 'kept') return { problem: t.code, size: item.bytes.length };
  if (item.how === 'moved') return { problem: t.code, moved: item.trashPath, kind: item.what };
  return { problem: t.code, link: item.target };
}

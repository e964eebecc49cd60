// What each recent action needs to be undone, kept in memory (deleted bytes
// included), keyed by the action id the caller got back. One folder's log
// outlives a reopen of that folder, so an entry names its root.

import type { SessionRef, SessionStatus } from '../../../shared/types';
import type { DeletedSession } from '../edit/session-delete';

export type UndoEntry =
  | { kind: 'status'; root: string; prev: { ref: SessionRef; value: SessionStatus | null }[] }
  | { kind: 'email'; root: string; prev: { ref: SessionRef; value: string }[] }
  | { kind: 'delete'; root: string; deleted: DeletedSession[] };

/** The most recent actions only: a bulk delete keeps every file's bytes. */
const MAX_UNDO = 200;

export class UndoLog {
  private readonly entries = new Map<string, UndoEntry>();

  remember(actionId: string, entry: UndoEntry): void {
    this.entries.set(actionId, entry);
    if (this.entries.size > MAX_UNDO) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Removes and returns the entry when it belongs to `root`; undefined otherwise. */
  take(actionId: string, root: string): UndoEntry | undefined {
    const entry = this.entries.get(actionId);
    if (!entry || entry.root !== root) return undefined;
    this.entries.delete(actionId);
    return entry;
  }
}

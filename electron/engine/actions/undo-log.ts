// What each recent action needs to be undone, kept in memory (deleted bytes
// included), keyed by the action id the caller got back. One folder's log
// outlives a reopen of that folder, so an entry names its root.
//
// Per session and field (status, e-mail; deletes apart) it also keeps which of our
// actions changed it, in order: an undo reverts a session only while its action is
// the last one that changed that field. Undoing an older action after a later one (an
// "accept" notice clicked after a later "hold" and "accept") would otherwise silently
// revert the later work.

import type { SessionRef, SessionStatus } from '../../../shared/types';
import type { DeletedSession } from '../edit/session-delete';
import { refKey } from './per-ref';

/** `prev`: the sessions the action changed and their value before; `set`: the value it wrote. */
export type UndoEntry =
  | { kind: 'status'; root: string; set: SessionStatus; prev: { ref: SessionRef; value: SessionStatus | null }[] }
  | { kind: 'email'; root: string; set: string; prev: { ref: SessionRef; value: string }[] }
  | { kind: 'delete'; root: string; deleted: DeletedSession[] };

/** The most recent actions only: a bulk delete keeps every file's bytes. */
const MAX_UNDO = 200;

function changedRefs(entry: UndoEntry): SessionRef[] {
  return entry.kind === 'delete' ? entry.deleted.map((d) => d.ref) : entry.prev.map((p) => p.ref);
}

export class UndoLog {
  private readonly entries = new Map<string, UndoEntry>();
  /** Per session (root + ref), the ids of the remembered actions that changed it, oldest first. */
  private readonly history = new Map<string, string[]>();

  remember(actionId: string, entry: UndoEntry): void {
    this.entries.set(actionId, entry);
    for (const ref of changedRefs(entry)) {
      const key = this.keyOf(entry.root, ref, entry.kind);
      const ids = this.history.get(key);
      if (ids) ids.push(actionId);
      else this.history.set(key, [actionId]);
    }
    if (this.entries.size > MAX_UNDO) {
      const oldest = this.entries.keys().next().value as string;
      this.forget(oldest, this.entries.get(oldest)!);
    }
  }

  /** Removes and returns the entry when it belongs to `root`; undefined otherwise. */
  take(actionId: string, root: string): UndoEntry | undefined {
    const entry = this.entries.get(actionId);
    if (!entry || entry.root !== root) return undefined;
    this.entries.delete(actionId);
    return entry;
  }

  /** True when no later action of ours changed this field of the session after `actionId` (its undo may revert it). */
  isLastChange(root: string, ref: SessionRef, kind: UndoEntry['kind'], actionId: string): boolean {
    const ids = this.history.get(this.keyOf(root, ref, kind));
    return ids !== undefined && ids[ids.length - 1] === actionId;
  }

  /** The action no longer stands for this session (undone, or not undone and never to be). */
  release(root: string, ref: SessionRef, kind: UndoEntry['kind'], actionId: string): void {
    const key = this.keyOf(root, ref, kind);
    const ids = this.history.get(key);
    if (!ids) return;
    const at = ids.lastIndexOf(actionId);
    if (at >= 0) ids.splice(at, 1);
    if (ids.length === 0) this.history.delete(key);
  }

  private forget(actionId: string, entry: UndoEntry): void {
    this.entries.delete(actionId);
    for (const ref of changedRefs(entry)) this.release(entry.root, ref, entry.kind, actionId);
  }

  private keyOf(root: string, ref: SessionRef, kind: UndoEntry['kind']): string {
    return `${root}\0${refKey(ref)}\0${kind}`;
  }
}

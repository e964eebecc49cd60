// Notices when a change the admin made is overwritten before it is pushed: 4D
// Server and apps built on it rewrite session files on their own (the device-token
// update, the verify result, SessionObject.save() writing back an older copy).
//
// Candidates come from the live index (a watcher read, an open, a refresh); each is
// confirmed by reading the file again (a watcher read that started before our own
// rename would otherwise look like an overwrite) after reloading the unpushed store
// (another of our processes, the command line, may have set a new value). Confirmed
// ones are listed, announced (one 'overwritten' event with the whole list) and
// logged once each in the Activity log. Nothing is confirmed while one of our own
// actions runs in this process: its half-done writes are not overwrites.

import type { EngineEvent, OverwrittenChange, SessionRecord, SessionRef } from '../../../shared/types';
import { readSessionAsync } from '../session/session-read';
import type { ActionRecorder } from './action-recorder';
import { expectationsOf, expectedRefs, overwritesOf } from './expectations';
import { refKey } from './per-ref';

export interface OverwriteTrackerDeps {
  recorder: ActionRecorder;
  /** The record the live index holds (undefined when unknown). */
  indexed: (root: string, ref: SessionRef) => SessionRecord | undefined;
  emit: (event: EngineEvent) => void;
  /** Quiet time before candidates are confirmed (default 60 ms). */
  confirmDelayMs?: number;
}

const CONFIRM_CONCURRENCY = 8;

function changeKey(c: OverwrittenChange): string {
  return `${refKey(c.ref)}#${c.field}#${c.set}`;
}

export class OverwriteTracker {
  private root: string | null = null;
  /** Confirmed overwrites by session. */
  private flagged = new Map<string, OverwrittenChange[]>();
  /** Logged to the audit log already (this process): an overwrite is logged once. */
  private readonly logged = new Set<string>();
  private readonly candidates = new Map<string, SessionRef>();
  private timer: NodeJS.Timeout | null = null;
  private busy = 0;
  private confirming: Promise<void> | null = null;

  constructor(private readonly deps: OverwriteTrackerDeps) {}

  /** A folder was opened (or closed: null): forget the other folder's list. */
  setRoot(root: string | null): void {
    if (root !== this.root) {
      this.flagged = new Map();
      this.candidates.clear();
    }
    this.root = root;
  }

  list(): OverwrittenChange[] {
    return [...this.flagged.values()].flat();
  }

  /** Overwritten changes of these sessions (the listed ones; nothing is read). */
  of(refs: readonly SessionRef[]): OverwrittenChange[] {
    return refs.flatMap((r) => this.flagged.get(refKey(r)) ?? []);
  }

  /** The record turned back from a status the admin set (so it is no new device for the inbox). */
  isOverwrite(root: string, record: SessionRecord): boolean {
    if (root !== this.root) return false;
    return overwritesOf(expectationsOf(this.deps.recorder.unpushed, root), record, record).some(
      (c) => c.field === 'status',
    );
  }

  /** One of our actions runs: what it writes meanwhile is not compared. */
  actionStarted(): void {
    this.busy++;
  }

  actionEnded(): void {
    this.busy = Math.max(0, this.busy - 1);
    if (this.busy === 0) this.recheck();
  }

  /** A record read from disk by the watcher (someone else may have written it). */
  onRecord(root: string, record: SessionRecord): void {
    if (root !== this.root) return;
    const ref = { app: record.app, id: record.id };
    const map = expectationsOf(this.deps.recorder.unpushed, root);
    const flaggedNow = this.flagged.has(refKey(ref));
    if (!flaggedNow && overwritesOf(map, ref, record).length === 0) return;
    this.candidates.set(refKey(ref), ref);
    this.schedule();
  }

  /** Compares every expectation with the index (after an open, a refresh, an action, a reload of the store). */
  recheck(): void {
    const root = this.root;
    if (root === null) return;
    const map = expectationsOf(this.deps.recorder.unpushed, root);
    for (const ref of expectedRefs(map)) {
      const record = this.deps.indexed(root, ref);
      if (record && overwritesOf(map, ref, record).length > 0) this.candidates.set(refKey(ref), ref);
    }
    for (const [key, changes] of this.flagged) this.candidates.set(key, changes[0]?.ref as SessionRef);
    this.schedule();
  }

  /** Resolves once every candidate noted so far is confirmed or cleared (tests, preflight). */
  async settled(): Promise<void> {
    while (this.timer !== null || this.confirming !== null) {
      if (this.timer !== null) {
        clearTimeout(this.timer);
        this.timer = null;
        this.confirming ??= this.confirm();
      }
      await this.confirming;
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.root = null;
  }

  private schedule(): void {
    if (this.timer !== null || this.candidates.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.busy > 0) return; // actionEnded() rechecks
      this.confirming ??= this.confirm();
    }, this.deps.confirmDelayMs ?? 60);
    this.timer.unref?.();
  }

  private async confirm(): Promise<void> {
    try {
      const root = this.root;
      if (root === null) return;
      const refs = [...this.candidates.values()];
      this.candidates.clear();
      await this.deps.recorder.unpushed.reload(); // a value another of our processes set is no overwrite
      const found = await this.readAll(root, refs);
      if (root === this.root) this.apply(root, refs, found);
    } finally {
      this.confirming = null;
      if (this.candidates.size > 0) this.schedule();
    }
  }

  private async readAll(root: string, refs: SessionRef[]): Promise<Map<string, OverwrittenChange[]>> {
    const map = expectationsOf(this.deps.recorder.unpushed, root);
    const found = new Map<string, OverwrittenChange[]>();
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < refs.length) {
        const ref = refs[next++] as SessionRef;
        const read = await readSessionAsync(root, ref.app, ref.id).catch(() => null);
        if (read?.kind !== 'record') continue; // gone or unreadable: not an overwrite of a value
        const changes = overwritesOf(map, ref, read.record);
        if (changes.length > 0) found.set(refKey(ref), changes);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONFIRM_CONCURRENCY, refs.length) }, lane));
    return found;
  }

  private apply(root: string, refs: SessionRef[], found: Map<string, OverwrittenChange[]>): void {
    let changed = false;
    const fresh: OverwrittenChange[] = [];
    for (const ref of refs) {
      const key = refKey(ref);
      const before = this.flagged.get(key) ?? [];
      const now = found.get(key) ?? [];
      if (now.length === 0) {
        if (before.length > 0) changed = true;
        this.flagged.delete(key);
        continue;
      }
      this.flagged.set(key, now);
      const beforeKeys = new Set(before.map(changeKey));
      if (now.some((c) => !beforeKeys.has(changeKey(c))) || now.length !== before.length) changed = true;
      for (const c of now) if (!this.logged.has(changeKey(c))) fresh.push(c);
    }
    for (const c of fresh) this.logged.add(changeKey(c));
    if (fresh.length > 0) this.logOverwrites(root, fresh, 'overwritten by another program before a push');
    if (changed) this.deps.emit({ type: 'overwritten', sessions: this.list() });
  }

  /** One Activity-log entry: what was set (before) and what the file says (after). */
  logOverwrites(root: string, changes: OverwrittenChange[], why: string): void {
    const fields = [...new Set(changes.map((c) => c.field))].join(' and ');
    this.deps.recorder.logAudit({
      folder: root,
      action: 'overwritten',
      message: `The ${fields} set in this app was ${why}.`,
      sessions: changes.map((c) => ({
        app: c.ref.app,
        id: c.ref.id,
        before: { [c.field]: c.set },
        after: { [c.field]: c.now },
      })),
    });
  }
}

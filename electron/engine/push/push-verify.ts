// After a push: the changes the server did not see, and a second look a few seconds
// later. 4D Server (or an app built on it) may rewrite a session right after it
// reloaded them — the verify result at the next authentication, SessionObject.save()
// writing back an older copy — so the pushed sessions are re-read once after a
// delay, and those no longer showing the pushed value are reported.

import type { OverwrittenChange, SessionDetail, SessionRef } from '../../../shared/types';
import { overwritesOf, type Expectation, type ExpectationMap } from '../actions/expectations';
import { runPerRef } from '../actions/per-ref';
import { dismissKey, type UnpushedAction } from './unpushed-store';
import { randomUUID } from 'node:crypto';

/** Default wait before the pushed sessions are re-read. */
export const VERIFY_DELAY_MS = 5_000;
/** At most this many pushed sessions are re-read (a bulk push of 100,000 is sampled, newest changes first). */
export const MAX_VERIFIED = 5_000;

export interface PushVerifierDeps {
  readSession: (ref: SessionRef) => Promise<SessionDetail>;
  delayMs?: number;
  onChanged: (root: string, changes: OverwrittenChange[]) => void;
}

export class PushVerifier {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: PushVerifierDeps) {}

  /** Re-reads the sessions of `pushed` once, after the delay, and reports those changed away. */
  schedule(root: string, pushed: Expectation[]): void {
    if (pushed.length === 0) return;
    const sample = pushed.slice(-MAX_VERIFIED);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.verify(root, sample).catch((err: unknown) =>
        console.error('Could not re-read the pushed sessions:', err),
      );
    }, this.deps.delayMs ?? VERIFY_DELAY_MS);
    timer.unref?.();
    this.timers.add(timer);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async verify(root: string, pushed: Expectation[]): Promise<void> {
    const map: ExpectationMap = new Map(pushed.map((e) => [dismissKey(e.ref, e.field), e]));
    const refs = [...new Map(pushed.map((e) => [`${e.ref.app}/${e.ref.id}`, e.ref])).values()];
    const changed: OverwrittenChange[] = [];
    await runPerRef(refs, async (ref) => {
      const detail = await this.deps.readSession(ref);
      changed.push(...overwritesOf(map, ref, detail.record));
    });
    if (changed.length > 0) this.deps.onChanged(root, changed);
  }
}

/** The unpushed actions that keep counting (and expecting their value) after a push the changes missed. */
export function notSeenActions(changes: OverwrittenChange[]): UnpushedAction[] {
  const groups = new Map<string, UnpushedAction>();
  const at = new Date().toISOString();
  for (const c of changes) {
    const key = `${c.field}\0${c.set}`;
    const g = groups.get(key) ?? { id: randomUUID(), kind: c.field, refs: [], at, field: c.field, values: [c.set] };
    g.refs.push(c.ref);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** "The server reloaded its sessions, but will not see 1 change: …" */
export function notSeenMessage(changes: OverwrittenChange[]): string {
  const list = changes
    .slice(0, 5)
    .map(
      (c) =>
        `${c.ref.app}/${c.ref.id}: ${c.field} set to "${c.set}", the file says ${c.now === null ? 'nothing valid' : `"${c.now}"`}`,
    )
    .join('; ');
  const more = changes.length > 5 ? `; and ${changes.length - 5} more` : '';
  const n = changes.length === 1 ? '1 change' : `${changes.length} changes`;
  return `The server reloaded its sessions, but it will not see ${n}: another program overwrote ${changes.length === 1 ? 'it' : 'them'} in the session files before the push (${list}${more}). Apply again, then push.`;
}

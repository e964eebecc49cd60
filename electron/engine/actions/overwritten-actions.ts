// The two answers to an overwritten change: Apply again (write the value the admin
// set once more: an ordinary edit, audited, undoable, counted for the next push) and
// Dismiss (let it go: the file's value stays and the warning goes away). Both look
// at the files as they are now, not at an older list.

import type { ActionResult, OverwrittenChange, SessionRef, SessionStatus } from '../../../shared/types';
import { dismissKey, type UnpushedStore } from '../push/unpushed-store';
import { readSessionAsync } from '../session/session-read';
import { expectationsOf, expectedRefs, overwritesOf } from './expectations';
import type { OverwriteTracker } from './overwrite-tracker';
import { refKey, runPerRef } from './per-ref';
import type { ActionOutcome, SessionActions } from './session-actions';
import type { ActionRecorder } from './action-recorder';

export interface OverwrittenActionsDeps {
  root: string;
  actions: SessionActions;
  recorder: ActionRecorder;
  tracker: OverwriteTracker;
}

/** The overwritten changes of these sessions, read from disk now. */
export function overwrittenNow(
  root: string,
  recorder: ActionRecorder,
  refs: readonly SessionRef[],
): Promise<OverwrittenChange[]> {
  return overwrittenOnDisk(root, recorder.unpushed, refs);
}

/**
 * Every change of `root` the files no longer show (or those of `refs`), read from disk now:
 * also for the command line's `check`, which has no live index.
 */
export async function overwrittenOnDisk(
  root: string,
  store: UnpushedStore,
  only?: readonly SessionRef[],
): Promise<OverwrittenChange[]> {
  await store.load();
  const map = expectationsOf(store, root);
  const refs = only ?? expectedRefs(map);
  const found: OverwrittenChange[] = [];
  await runPerRef(refs, async (ref) => {
    const read = await readSessionAsync(root, ref.app, ref.id);
    if (read.kind === 'record') found.push(...overwritesOf(map, ref, read.record));
  });
  return found;
}

export async function reapplyOverwritten(deps: OverwrittenActionsDeps, refs: SessionRef[]): Promise<ActionResult> {
  const changes = await overwrittenNow(deps.root, deps.recorder, refs);
  // One ordinary action per field and value (almost always exactly one).
  const groups = new Map<string, { field: OverwrittenChange['field']; value: string; refs: SessionRef[] }>();
  for (const c of changes) {
    const key = `${c.field}\0${c.set}`;
    const g = groups.get(key) ?? { field: c.field, value: c.set, refs: [] };
    g.refs.push(c.ref);
    groups.set(key, g);
  }
  const outcomes: ActionOutcome[] = [];
  for (const g of groups.values()) {
    outcomes.push(
      g.field === 'status'
        ? await deps.actions.setStatus(g.refs, g.value as SessionStatus)
        : await deps.actions.setEmail(g.refs, g.value),
    );
  }
  await settledList(deps.tracker);
  const done = uniqueRefs(outcomes.flatMap((o) => o.done));
  const ids = outcomes.map((o) => o.actionId).filter((id): id is string => id !== null);
  return { actionId: ids.length === 1 ? (ids[0] as string) : null, done, failed: outcomes.flatMap((o) => o.failed) };
}

export async function dismissOverwritten(deps: OverwrittenActionsDeps, refs: SessionRef[]): Promise<ActionResult> {
  const changes = await overwrittenNow(deps.root, deps.recorder, refs);
  const map = expectationsOf(deps.recorder.unpushed, deps.root);
  const items = changes.flatMap((c) => {
    const e = map.get(dismissKey(c.ref, c.field));
    return e ? [{ ref: c.ref, field: c.field, actionId: e.actionId }] : [];
  });
  if (items.length > 0) {
    await deps.recorder.unpushed.dismiss(deps.root, items);
    deps.tracker.logOverwrites(
      deps.root,
      changes,
      'overwritten by another program; the admin dismissed the warning and kept the file as it is',
    );
  }
  await settledList(deps.tracker);
  return { actionId: null, done: uniqueRefs(items.map((i) => i.ref)), failed: [] };
}

/**
 * Confirms the list before answering: a front end reads it as soon as the answer
 * returns, and in browser mode the 'overwritten' event may overtake that read, so a
 * read answered from a list still waiting for confirmation would undo the event.
 */
async function settledList(tracker: OverwriteTracker): Promise<void> {
  tracker.recheck();
  await tracker.settled();
}

function uniqueRefs(refs: SessionRef[]): SessionRef[] {
  return [...new Map(refs.map((r) => [refKey(r), r])).values()];
}

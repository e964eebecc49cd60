// What the files of a root must say until the next push: for every session an
// unpushed action set a status or an e-mail on, the value of the LAST such action
// (an undo of an unpushed action removes it, so the one before applies again; a
// delete drops the session). Expectations the admin dismissed are left out. A file
// that says something else was overwritten by another program.

import type { OverwrittenChange, SessionRecord, SessionRef } from '../../../shared/types';
import { dismissKey, type ExpectedField, type UnpushedStore } from '../push/unpushed-store';
import { refKey } from './per-ref';

export interface Expectation {
  ref: SessionRef;
  field: ExpectedField;
  value: string;
  /** The unpushed action that set it (a dismissal names it). */
  actionId: string;
}

/** Keyed by dismissKey (`<app>/<id>#<field>`). */
export type ExpectationMap = Map<string, Expectation>;

const cache = new WeakMap<UnpushedStore, { root: string; version: number; map: ExpectationMap }>();

export function expectationsOf(store: UnpushedStore, root: string): ExpectationMap {
  const hit = cache.get(store);
  if (hit && hit.root === root && hit.version === store.version) return hit.map;
  const map: ExpectationMap = new Map();
  for (const action of store.actions(root)) {
    if (action.kind === 'delete') {
      for (const ref of action.refs) for (const f of FIELDS) map.delete(dismissKey(ref, f));
      continue;
    }
    const { field, values } = action;
    if (field === undefined || values === undefined || values.length === 0) continue; // written by an older version
    action.refs.forEach((ref, i) => {
      const value = values.length === 1 ? values[0] : values[i];
      const r = { app: ref.app, id: ref.id };
      if (value !== undefined) map.set(dismissKey(r, field), { ref: r, field, value, actionId: action.id });
    });
  }
  const dismissed = store.dismissed(root);
  for (const [key, e] of map) if (dismissed[key] === e.actionId) map.delete(key);
  cache.set(store, { root, version: store.version, map });
  return map;
}

const FIELDS: readonly ExpectedField[] = ['status', 'email'];

/** The file's value of `field` as the comparison sees it (a missing e-mail is the empty one). */
export function currentValue(record: Pick<SessionRecord, 'status' | 'email'>, field: ExpectedField): string | null {
  return field === 'status' ? record.status : (record.email ?? '');
}

/** The overwritten changes of one session, given what its file says now. */
export function overwritesOf(
  map: ExpectationMap,
  ref: SessionRef,
  record: Pick<SessionRecord, 'status' | 'email'>,
): OverwrittenChange[] {
  const out: OverwrittenChange[] = [];
  for (const field of FIELDS) {
    const e = map.get(dismissKey(ref, field));
    if (!e) continue;
    const now = currentValue(record, field);
    if (now !== e.value) out.push({ ref: e.ref, field, set: e.value, now });
  }
  return out;
}

/** The expectations of the given sessions only. */
export function expectationsFor(map: ExpectationMap, refs: readonly SessionRef[]): Expectation[] {
  const out: Expectation[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    if (seen.has(refKey(ref))) continue;
    seen.add(refKey(ref));
    for (const field of FIELDS) {
      const e = map.get(dismissKey(ref, field));
      if (e) out.push(e);
    }
  }
  return out;
}

/** Sessions (deduplicated) that have at least one expectation. */
export function expectedRefs(map: ExpectationMap): SessionRef[] {
  const refs = new Map<string, SessionRef>();
  for (const e of map.values()) refs.set(refKey(e.ref), e.ref);
  return [...refs.values()];
}

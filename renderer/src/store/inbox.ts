// The approval inbox: every pending session across the folder's apps (listPending),
// its own selection, and the sessions the user chose to keep pending ("reviewed"),
// remembered per folder until the session's file changes.

import { create } from 'zustand';
import type { SessionRecord, SessionRef } from '../../../shared/types';
import { EMPTY_SELECTION, type Selection } from './selection';

export interface InboxStore {
  records: SessionRecord[] | null;
  loading: boolean;
  error: string | null;
  selection: Selection;
  /** Keys (see reviewKey) of sessions kept pending on purpose. */
  reviewed: ReadonlySet<string>;
  reviewedRoot: string | null;
}

const initial = (): InboxStore => ({ records: null, loading: false, error: null, selection: EMPTY_SELECTION, reviewed: new Set(), reviewedRoot: null });

export const useInbox = create<InboxStore>(initial);

export function resetInbox(): void {
  useInbox.setState(initial(), true);
}

/** One inbox row's id: app folder and session id (ids are unique per app only). */
export function inboxKey(ref: SessionRef): string {
  return `${ref.app}/${ref.id}`;
}

export function refOfKey(key: string): SessionRef {
  const i = key.indexOf('/');
  return { app: key.slice(0, i), id: key.slice(i + 1) };
}

/** A review lasts as long as the file is unchanged: a new login writes the file again. */
export function reviewKey(r: SessionRecord): string {
  return `${r.app}/${r.id}@${r.mtimeMs}`;
}

const REVIEWED_PREFIX = 'msm.reviewed:';
const REVIEWED_LIMIT = 5000;

export function loadReviewed(root: string | null): Set<string> {
  if (!root) return new Set();
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(REVIEWED_PREFIX + root) ?? '[]');
    return new Set(Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string').slice(-REVIEWED_LIMIT) : []);
  } catch {
    return new Set();
  }
}

export function saveReviewed(root: string | null, reviewed: ReadonlySet<string>): void {
  if (!root) return;
  try {
    globalThis.localStorage?.setItem(REVIEWED_PREFIX + root, JSON.stringify([...reviewed].slice(-REVIEWED_LIMIT)));
  } catch {
    // not remembered; harmless
  }
}

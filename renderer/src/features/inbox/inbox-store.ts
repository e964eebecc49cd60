// The approval inbox: every pending session across the folder's apps (listPending),
// its own selection, and the sessions the user chose to keep pending ("reviewed"),
// remembered per folder until the session's file changes.

import { create } from 'zustand';
import type { SessionRecord, SessionRef } from '../../../../shared/types';
import { activeFolder } from '../folders/folders-store';
import { EMPTY_SELECTION, type Selection } from '../../store/selection';

export interface InboxStore {
  records: SessionRecord[] | null;
  loading: boolean;
  error: string | null;
  selection: Selection;
  /** Keys (see reviewKey) of sessions kept pending on purpose. */
  reviewed: ReadonlySet<string>;
  reviewedRoot: string | null;
}

const initial = (): InboxStore => ({
  records: null,
  loading: false,
  error: null,
  selection: EMPTY_SELECTION,
  reviewed: new Set(),
  reviewedRoot: null,
});

export const useInbox = create<InboxStore>(initial);

export function resetInbox(): void {
  useInbox.setState(initial(), true);
}

/**
 * One inbox row's id: the open folder (when the ref names one), app folder and session id —
 * ids are unique per app only, and two open folders may hold the same app and id. None of
 * the three may contain "/", so the key splits back unambiguously.
 */
export function inboxKey(ref: SessionRef): string {
  return ref.folder === undefined ? `${ref.app}/${ref.id}` : `${ref.folder}/${ref.app}/${ref.id}`;
}

export function refOfKey(key: string): SessionRef {
  const parts = key.split('/');
  if (parts.length === 3) return { folder: parts[0]!, app: parts[1]!, id: parts[2]! };
  const i = key.indexOf('/');
  return { app: key.slice(0, i), id: key.slice(i + 1) };
}

/** The ref a record's row acts on: with its folder when the record has one (see WorkspaceSet.listPending). */
export function refOfRecord(r: SessionRecord): SessionRef {
  return r.folder === undefined ? { app: r.app, id: r.id } : { app: r.app, id: r.id, folder: r.folder };
}

/**
 * A review lasts as long as the file is unchanged: a new login writes the file again.
 * Reviews are remembered per active folder, so its own sessions keep their folder-less key
 * (the one saved before several folders could be open); other folders' name their folder.
 */
export function reviewKey(r: SessionRecord): string {
  return `${reviewBase(r)}@${r.mtimeMs}`;
}

/** reviewKey without the file's time: which session, whatever its version. */
export function reviewBase(r: SessionRecord): string {
  const own = r.folder === undefined || r.folder === activeFolder()?.id;
  return own ? `${r.app}/${r.id}` : inboxKey(r);
}

const REVIEWED_PREFIX = 'msm.reviewed:';
const REVIEWED_LIMIT = 5000;

export function loadReviewed(root: string | null): Set<string> {
  if (!root) return new Set();
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(REVIEWED_PREFIX + root) ?? '[]');
    return new Set(
      Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string').slice(-REVIEWED_LIMIT) : [],
    );
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

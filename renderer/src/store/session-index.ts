// The sessions of one app, held so that an engine delta touches only the rows it names.
// Records are immutable: an unchanged session keeps the very same object, so memoized
// rows skip rendering. The maps are owned by one AppSessions generation at a time;
// applying a delta moves them into a new generation (rev + 1) that remembers what changed,
// which lets the sorted view update incrementally instead of re-sorting 100k rows.

import { searchTextOf } from '../../../shared/session-filter';
import type { SessionRecord } from '../../../shared/types';

export interface SessionDelta {
  upserted: SessionRecord[];
  removed: string[];
}

export interface AppSessions {
  app: string;
  /** Distinguishes two loads of the same app (e.g. after another folder was opened). */
  gen: number;
  records: ReadonlyMap<string, SessionRecord>;
  rev: number;
  /** What the last delta changed, relative to `rev - 1`. */
  lastChange: { fromRev: number; upserted: string[]; removed: string[] } | null;
}

let generations = 0;

export function emptyAppSessions(app: string): AppSessions {
  generations += 1;
  return { app, gen: generations, records: new Map(), rev: 0, lastChange: null };
}

/** True when two records show the same thing, so the old object can be kept. */
export function sameRecord(a: SessionRecord, b: SessionRecord): boolean {
  return (
    a.mtimeMs === b.mtimeMs &&
    a.size === b.size &&
    a.status === b.status &&
    a.email === b.email &&
    a.deviceDescription === b.deviceDescription &&
    a.deviceId === b.deviceId &&
    a.os === b.os &&
    a.osVersion === b.osVersion &&
    a.simulator === b.simulator &&
    a.language === b.language &&
    a.ip === b.ip &&
    a.appVersion === b.appVersion &&
    JSON.stringify(a.warnings) === JSON.stringify(b.warnings)
  );
}

/** Applies a delta; returns the same object when nothing actually changed. */
export function applyDelta(prev: AppSessions, delta: SessionDelta): AppSessions {
  const records = prev.records as Map<string, SessionRecord>;
  const upserted: string[] = [];
  const removed: string[] = [];
  for (const id of delta.removed) {
    if (records.delete(id)) removed.push(id);
  }
  for (const rec of delta.upserted) {
    const old = records.get(rec.id);
    if (old && sameRecord(old, rec)) continue;
    records.set(rec.id, rec);
    searchTextOf(rec); // precomputed now (cached per record), so a search keystroke only compares strings
    upserted.push(rec.id);
  }
  if (upserted.length === 0 && removed.length === 0) return prev;
  return { app: prev.app, gen: prev.gen, records, rev: prev.rev + 1, lastChange: { fromRev: prev.rev, upserted, removed } };
}

/** Turns a full listing into a delta against what is held (for first load and Refresh). */
export function diffListing(prev: AppSessions, listing: SessionRecord[]): SessionDelta {
  const seen = new Set<string>();
  const upserted: SessionRecord[] = [];
  for (const rec of listing) {
    seen.add(rec.id);
    const old = prev.records.get(rec.id);
    if (!old || !sameRecord(old, rec)) upserted.push(rec);
  }
  const removed: string[] = [];
  for (const id of prev.records.keys()) if (!seen.has(id)) removed.push(id);
  return { upserted, removed };
}

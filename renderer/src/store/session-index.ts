// The sessions of one app, held so that an engine delta touches only the rows it names.
// Records are immutable: an unchanged session keeps the very same object, so memoized
// rows skip rendering. The maps are owned by one AppSessions generation at a time;
// applying a delta moves them into a new generation (rev + 1) that remembers what changed,
// which lets the sorted view update incrementally instead of re-sorting 100k rows.

import { searchTextOf } from '../../../shared/session-filter';
import { runSteps, STEP_ITEMS, type Steps } from '../../../shared/session-sort';
import type { SessionRecord } from '../../../shared/types';

export interface SessionDelta {
  upserted: SessionRecord[];
  removed: string[];
}

/** One applied delta, with the record objects it replaced and those it put in (for incremental views). */
export interface ChangeStep {
  /** The rev this step produced. */
  rev: number;
  before: readonly SessionRecord[];
  after: readonly SessionRecord[];
}

/** Steps kept per app: enough for the deltas between two renders, bounded so nothing grows with time. */
export const MAX_RECENT_STEPS = 32;
/** A step this large is not kept (views re-sort instead), so a Refresh never pins 100k old records. */
export const MAX_STEP_ROWS = 500;

export interface AppSessions {
  app: string;
  /** Distinguishes two loads of the same app (e.g. after another folder was opened). */
  gen: number;
  records: ReadonlyMap<string, SessionRecord>;
  rev: number;
  /** What the last delta changed, relative to `rev - 1`. */
  lastChange: { fromRev: number; upserted: string[]; removed: string[] } | null;
  /** The last few steps, oldest first; a rev missing from it (too old or too big) means "recompute". */
  recent: readonly ChangeStep[];
}

let generations = 0;

/** The rev each record map was last brought to (the map is shared by a generation's successive revs). */
const revOfRecords = new WeakMap<ReadonlyMap<string, SessionRecord>, number>();

/** True when no delta was applied after `s` (its record map still shows exactly rev `s.rev`). */
export function isLatest(s: AppSessions): boolean {
  return (revOfRecords.get(s.records) ?? s.rev) === s.rev;
}

export function emptyAppSessions(app: string): AppSessions {
  generations += 1;
  const records = new Map<string, SessionRecord>();
  revOfRecords.set(records, 0);
  return { app, gen: generations, records, rev: 0, lastChange: null, recent: [] };
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
  // The first version each touched id had before this delta (undefined: it is new).
  const before = new Map<string, SessionRecord | undefined>();
  for (const id of delta.removed) {
    const old = records.get(id);
    if (old && records.delete(id)) {
      removed.push(id);
      if (!before.has(id)) before.set(id, old);
    }
  }
  for (const rec of delta.upserted) {
    const old = records.get(rec.id);
    if (old && sameRecord(old, rec)) continue;
    if (!before.has(rec.id)) before.set(rec.id, old);
    records.set(rec.id, rec);
    searchTextOf(rec); // precomputed now (cached per record), so a search keystroke only compares strings
    upserted.push(rec.id);
  }
  if (upserted.length === 0 && removed.length === 0) return prev;
  const rev = prev.rev + 1;
  revOfRecords.set(records, rev);
  const recent = prev.recent.length >= MAX_RECENT_STEPS ? prev.recent.slice(1 - MAX_RECENT_STEPS) : [...prev.recent];
  if (before.size <= MAX_STEP_ROWS) recent.push(stepOf(rev, before, records));
  return { app: prev.app, gen: prev.gen, records, rev, lastChange: { fromRev: prev.rev, upserted, removed }, recent };
}

function stepOf(
  rev: number,
  before: Map<string, SessionRecord | undefined>,
  records: Map<string, SessionRecord>,
): ChangeStep {
  const old: SessionRecord[] = [];
  const now: SessionRecord[] = [];
  for (const [id, rec] of before) {
    if (rec) old.push(rec);
    const current = records.get(id);
    if (current) now.push(current);
  }
  return { rev, before: old, after: now };
}

/** The steps from `fromRev` to the current rev, or null when some are not kept. */
export function stepsSince(s: AppSessions, fromRev: number): readonly ChangeStep[] | null {
  if (fromRev === s.rev) return [];
  const first = s.recent.findIndex((step) => step.rev === fromRev + 1);
  if (first < 0) return null;
  const steps = s.recent.slice(first);
  // Contiguous up to now (a step too big to keep leaves a gap).
  return steps.length === s.rev - fromRev && steps.every((step, i) => step.rev === fromRev + 1 + i) ? steps : null;
}

/** Turns a full listing into a delta against what is held (for first load and Refresh). */
export function diffListing(prev: AppSessions, listing: readonly SessionRecord[]): SessionDelta {
  return runSteps(diffListingSteps(prev, listing));
}

/** `diffListing`, pausing every few thousand records. */
function* diffListingSteps(prev: AppSessions, listing: readonly SessionRecord[]): Steps<SessionDelta> {
  const seen = new Set<string>();
  const upserted: SessionRecord[] = [];
  for (let i = 0; i < listing.length; i++) {
    const rec = listing[i]!;
    seen.add(rec.id);
    const old = prev.records.get(rec.id);
    if (!old || !sameRecord(old, rec)) upserted.push(rec);
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
  }
  const removed: string[] = [];
  for (const id of prev.records.keys()) if (!seen.has(id)) removed.push(id);
  return { upserted, removed };
}

/** Records per delta when a big listing is merged in steps (a delta of that size takes a few milliseconds). */
export const LOAD_CHUNK = 2_048;

/**
 * `applyDelta(prev, diffListing(prev, listing))` in steps that each take a few
 * milliseconds, for listings too big to merge in one task (100,000 sessions: ~0.6 s).
 * The result holds the same records; its steps are not kept (each chunk is too big).
 */
export function* mergeListingSteps(prev: AppSessions, listing: readonly SessionRecord[]): Steps<AppSessions> {
  const { upserted, removed } = yield* diffListingSteps(prev, listing);
  // A held map may be on screen: it changes in one step. A first load's map is nobody's yet.
  if (prev.records.size > 0) return applyDelta(prev, { upserted, removed });
  let s = prev;
  for (let k = 0; k < upserted.length; k += LOAD_CHUNK) {
    yield;
    s = applyDelta(s, { upserted: upserted.slice(k, k + LOAD_CHUNK), removed: [] });
  }
  return s;
}

// Keeps the main thread's 100,000 session records small. Every record the index
// holds lives as long as the folder is open, so each object and string it owns is
// copied by the young-generation GC (twice, before promotion) while a scan
// streams in: fewer objects per record means shorter GC pauses on the main
// thread. So: one shared frozen array for "no warnings" (nearly every record),
// the app folder's own string instead of a copy per record, and repeated values
// (device model, OS version) shared through a bounded pool.
//
// Scan chunks cross from the workers as one JSON text per chunk (PackedRecords):
// one string to clone instead of thousands of objects, and JSON.parse shares short
// repeated values ("iOS", "accepted", "en_US") through V8's string table by itself.

import type { SessionRecord, SessionStatus, SessionWarning } from '../../../shared/types';

/** The warnings of a session without any: one frozen array shared by every such record. */
export const NO_WARNINGS: SessionWarning[] = Object.freeze([]) as unknown as SessionWarning[];

export function compactWarnings(warnings: SessionWarning[]): SessionWarning[] {
  return warnings.length === 0 ? NO_WARNINGS : warnings;
}

/** V8's JSON.parse already shares string values of up to 10 characters. */
const SHARED_BY_JSON_PARSE = 10;
/** Distinct values kept; past this the pool stops growing (a folder of unique device names gains nothing). */
const MAX_POOLED = 20_000;
/** Longer values are unlikely to repeat and are never pooled. */
const MAX_POOLED_LENGTH = 64;

/** Interns low-cardinality strings (device model, OS version…) so records share them. */
export class StringPool {
  private readonly values = new Map<string, string>();

  intern(s: string): string {
    if (s.length <= SHARED_BY_JSON_PARSE || s.length > MAX_POOLED_LENGTH) return s;
    const known = this.values.get(s);
    if (known !== undefined) return known;
    if (this.values.size < MAX_POOLED) this.values.set(s, s);
    return s;
  }
}

/** Records of one chunk, serialized once by the worker. */
export type PackedRecords = string;

export function packRecords(records: readonly SessionRecord[]): PackedRecords {
  return JSON.stringify(records);
}

function statusOf(v: unknown): SessionStatus | null {
  return v === 'accepted' ? 'accepted' : v === 'pending' ? 'pending' : null;
}

/**
 * Parses a worker's chunk into records of `app`, compacted in place (no second
 * object per record). The text comes from our own worker (packRecords), so its
 * shape is trusted; values are still normalised to their types.
 */
export function unpackRecords(app: string, packed: PackedRecords, pool: StringPool): SessionRecord[] {
  const records = JSON.parse(packed) as SessionRecord[];
  for (const r of records) {
    r.app = app;
    r.status = statusOf(r.status);
    r.deviceDescription = pool.intern(r.deviceDescription);
    r.os = pool.intern(r.os);
    r.osVersion = pool.intern(r.osVersion);
    r.language = pool.intern(r.language);
    r.appVersion = pool.intern(r.appVersion);
    r.warnings = compactWarnings(r.warnings);
  }
  return records;
}

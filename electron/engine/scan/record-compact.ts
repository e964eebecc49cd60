// How scan records cross from a worker to the main thread, and stay small there.
//
// Each file is parsed once, in the worker. A chunk of records crosses as columns
// (no JSON text to parse again, no object per record to clone): the four
// per-session strings (id, e-mail, device id, IP) concatenated into one string
// with their end offsets, the repeated values (status, device model, OS, OS
// version, language, app version) as indexes into a dictionary the worker grows
// and the main thread mirrors (so every record shares them, at no hashing cost),
// and the numbers in typed arrays that are transferred, not copied. The main
// thread then builds each record with one object literal from slices.
//
// Records that live as long as the folder is open are kept small too: one shared
// frozen array for "no warnings" (nearly every record) and the app folder's own string.

import type { SessionRecord, SessionStatus, SessionWarning } from '../../../shared/types';

/** The warnings of a session without any: one frozen array shared by every such record. */
export const NO_WARNINGS: SessionWarning[] = Object.freeze([]) as unknown as SessionWarning[];

export function compactWarnings(warnings: SessionWarning[]): SessionWarning[] {
  return warnings.length === 0 ? NO_WARNINGS : warnings;
}

/** Strings per record in `text`: id, email, deviceId, ip. */
const TEXTS = 4;
/** Codes per record: status, deviceDescription, os, osVersion, language, appVersion, simulator. */
const CODES = 7;
const STATUSES: (SessionStatus | null)[] = [null, 'accepted', 'pending'];

export interface ColumnRecords {
  count: number;
  text: string;
  /** End offset in `text` of each record's strings, TEXTS per record. */
  ends: Int32Array;
  codes: Int32Array;
  /** mtimeMs and size per record. */
  numbers: Float64Array;
  /** Dictionary entries this chunk adds, in index order. */
  newStrings: string[];
  /** [record index, warnings] of the few records that have any. */
  warnings: [number, SessionWarning[]][];
}

/** Worker side: one per worker, its dictionary shared by all the chunks it sends. */
export class ColumnEncoder {
  private readonly dict = new Map<string, number>();
  private added: string[] = [];

  private code(s: string): number {
    let i = this.dict.get(s);
    if (i === undefined) {
      i = this.dict.size;
      this.dict.set(s, i);
      this.added.push(s);
    }
    return i;
  }

  encode(records: readonly SessionRecord[]): ColumnRecords {
    const n = records.length;
    const parts: string[] = new Array<string>(n * TEXTS);
    const ends = new Int32Array(n * TEXTS);
    const codes = new Int32Array(n * CODES);
    const numbers = new Float64Array(n * 2);
    const warnings: [number, SessionWarning[]][] = [];
    let end = 0;
    for (let i = 0; i < n; i++) {
      const r = records[i] as SessionRecord;
      const t = i * TEXTS;
      parts[t] = r.id;
      ends[t] = end += r.id.length;
      parts[t + 1] = r.email;
      ends[t + 1] = end += r.email.length;
      parts[t + 2] = r.deviceId;
      ends[t + 2] = end += r.deviceId.length;
      parts[t + 3] = r.ip;
      ends[t + 3] = end += r.ip.length;
      const c = i * CODES;
      codes[c] = r.status === 'accepted' ? 1 : r.status === 'pending' ? 2 : 0;
      codes[c + 1] = this.code(r.deviceDescription);
      codes[c + 2] = this.code(r.os);
      codes[c + 3] = this.code(r.osVersion);
      codes[c + 4] = this.code(r.language);
      codes[c + 5] = this.code(r.appVersion);
      codes[c + 6] = r.simulator ? 1 : 0;
      numbers[i * 2] = r.mtimeMs;
      numbers[i * 2 + 1] = r.size;
      if (r.warnings.length > 0) warnings.push([i, r.warnings]);
    }
    const newStrings = this.added;
    this.added = [];
    return { count: n, text: parts.join(''), ends, codes, numbers, newStrings, warnings };
  }
}

/** Main-thread side: one per worker, mirroring that worker's dictionary (chunks arrive in order). */
export class ColumnDecoder {
  private readonly dict: string[] = [];

  decode(app: string, cols: ColumnRecords): SessionRecord[] {
    for (const s of cols.newStrings) this.dict.push(s);
    const { text, ends, codes, numbers } = cols;
    const dict = this.dict;
    const records = new Array<SessionRecord>(cols.count);
    let start = 0;
    for (let i = 0; i < cols.count; i++) {
      const t = i * TEXTS;
      const c = i * CODES;
      const idEnd = ends[t] as number;
      const emailEnd = ends[t + 1] as number;
      const deviceIdEnd = ends[t + 2] as number;
      const ipEnd = ends[t + 3] as number;
      // Same property order as parseSessionBytes' records: one hidden class for all.
      records[i] = {
        app,
        id: text.slice(start, idEnd),
        status: STATUSES[codes[c] as number] ?? null,
        email: text.slice(idEnd, emailEnd),
        deviceDescription: dict[codes[c + 1] as number] as string,
        deviceId: text.slice(emailEnd, deviceIdEnd),
        os: dict[codes[c + 2] as number] as string,
        osVersion: dict[codes[c + 3] as number] as string,
        simulator: codes[c + 6] === 1,
        language: dict[codes[c + 4] as number] as string,
        ip: text.slice(deviceIdEnd, ipEnd),
        appVersion: dict[codes[c + 5] as number] as string,
        mtimeMs: numbers[i * 2] as number,
        size: numbers[i * 2 + 1] as number,
        warnings: NO_WARNINGS,
      };
      start = ipEnd;
    }
    for (const [i, warnings] of cols.warnings) (records[i] as SessionRecord).warnings = warnings;
    return records;
  }
}

/** The buffers of a chunk that move to the main thread instead of being copied. */
export function transferables(cols: ColumnRecords): ArrayBuffer[] {
  return [cols.ends.buffer, cols.codes.buffer, cols.numbers.buffer] as ArrayBuffer[];
}

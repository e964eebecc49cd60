// listSessionsPage: an app's sessions a page at a time, every page from the moment of
// the first. The first page keeps the list of that moment (an array of the records the
// index already holds: no copy of any record) under a cursor; the next pages read it.
// Changes after that moment reach the front end as 'sessions' events, as they do after
// a whole listing, so pages and events together give the current picture. Offsets into a
// live map would skip or repeat sessions as files come and go between two pages.

import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api-error';
import type { SessionPage, SessionPageRequest, SessionRecord } from '../../../shared/types';

/** A listing not read on for this long is dropped (a front end reads its pages back to back). */
export const SNAPSHOT_TTL_MS = 60_000;
/** Listings kept at once (a few windows or tabs loading apps together). */
const MAX_SNAPSHOTS = 8;

interface Snapshot {
  app: string;
  records: SessionRecord[];
  touched: number;
}

export class SessionPages {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A page of `app`; `list` gives the app's sessions now (called for a first page only). */
  page(app: string, request: SessionPageRequest, list: () => SessionRecord[]): SessionPage {
    this.expire();
    if (request.cursor === null) return this.serve(randomUUID(), { app, records: list(), touched: 0 }, 0, request.size);
    const [id = '', at = ''] = request.cursor.split(':');
    const snapshot = this.snapshots.get(id);
    const offset = Number(at);
    if (!snapshot || snapshot.app !== app || !Number.isInteger(offset) || offset < 0) {
      throw new ApiError(
        'not-found',
        `This listing of "${app}" is no longer available (it expired or the folder changed); list the app again.`,
      );
    }
    return this.serve(id, snapshot, offset, request.size);
  }

  /** Forgets every listing (the folder closed or changed). */
  clear(): void {
    this.snapshots.clear();
  }

  get size(): number {
    return this.snapshots.size;
  }

  private serve(id: string, snapshot: Snapshot, offset: number, size: number): SessionPage {
    const end = Math.min(snapshot.records.length, offset + size);
    const page: SessionPage = {
      records: snapshot.records.slice(offset, end),
      total: snapshot.records.length,
      next: end < snapshot.records.length ? `${id}:${end}` : null,
    };
    if (page.next === null) this.snapshots.delete(id);
    else {
      snapshot.touched = this.now();
      this.snapshots.delete(id); // re-inserted: the map's order is the order of use
      this.snapshots.set(id, snapshot);
      for (const oldest of this.snapshots.keys()) {
        if (this.snapshots.size <= MAX_SNAPSHOTS) break;
        this.snapshots.delete(oldest);
      }
    }
    return page;
  }

  private expire(): void {
    const limit = this.now() - SNAPSHOT_TTL_MS;
    for (const [id, s] of this.snapshots) if (s.touched < limit) this.snapshots.delete(id);
  }
}

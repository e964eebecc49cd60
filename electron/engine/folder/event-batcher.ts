// Coalesces engine events for a few milliseconds so a burst (a scan chunk, a
// writer storm, a 500-row edit) reaches listeners as one small batch: per app
// one 'sessions' event with the last version of each record, and at most one
// 'apps', 'problems', 'unpushed' and 'state' event, computed at flush time, and
// one 'new-pending' event (after the 'sessions' events, so listeners hold the rows).

import type { AppFolder, EngineEvent, Problem, SessionRecord, WorkspaceState } from '../../../shared/types';

export interface BatchSources {
  state(): WorkspaceState;
  apps(): AppFolder[];
  problems(): Problem[];
  unpushed(): number;
}

interface SessionDelta {
  upserted: Map<string, SessionRecord>;
  removed: Set<string>;
}

/** Flush early when this many records are waiting, so one event never gets huge. */
const MAX_PENDING_RECORDS = 2000;

export class EventBatcher {
  private sessions = new Map<string, SessionDelta>();
  /** Sessions that appeared (or turned pending) from outside, by "app/id". */
  private fresh = new Map<string, SessionRecord>();
  private pendingRecords = 0;
  private wantState = false;
  private wantApps = false;
  private wantProblems = false;
  private wantUnpushed = false;
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private closed = false;

  constructor(
    private readonly sources: BatchSources,
    private readonly emit: (event: EngineEvent) => void,
    private readonly delayMs = 16,
  ) {}

  state(): void {
    this.wantState = true;
    this.schedule();
  }

  apps(): void {
    this.wantApps = true;
    this.schedule();
  }

  problems(): void {
    this.wantProblems = true;
    this.schedule();
  }

  unpushed(): void {
    this.wantUnpushed = true;
    this.schedule();
  }

  upsert(app: string, records: readonly SessionRecord[]): void {
    if (records.length === 0) return;
    const delta = this.delta(app);
    for (const r of records) {
      delta.removed.delete(r.id);
      delta.upserted.set(r.id, r);
      if (this.fresh.size > 0) this.refreshPending(app, r);
    }
    this.pendingRecords += records.length;
    this.schedule();
  }

  remove(app: string, ids: readonly string[]): void {
    if (ids.length === 0) return;
    const delta = this.delta(app);
    for (const id of ids) {
      delta.upserted.delete(id);
      delta.removed.add(id);
      if (this.fresh.size > 0) this.fresh.delete(`${app}/${id}`);
    }
    this.pendingRecords += ids.length;
    this.schedule();
  }

  /** A session that appeared or turned pending from outside the app (queued with its upsert). */
  newPending(record: SessionRecord): void {
    this.fresh.set(`${record.app}/${record.id}`, record);
    this.schedule();
  }

  /** A queued new-pending session that changes again before the flush: keep it only while pending. */
  private refreshPending(app: string, r: SessionRecord): void {
    const key = `${app}/${r.id}`;
    if (!this.fresh.has(key)) return;
    if (r.status === 'pending') this.fresh.set(key, r);
    else this.fresh.delete(key);
  }

  /** Forgets queued session deltas of an app (it was replaced wholesale). */
  dropApp(app: string): void {
    this.sessions.delete(app);
    for (const key of this.fresh.keys()) if (key.startsWith(`${app}/`)) this.fresh.delete(key);
  }

  private delta(app: string): SessionDelta {
    let d = this.sessions.get(app);
    if (!d) {
      d = { upserted: new Map(), removed: new Set() };
      this.sessions.set(app, d);
    }
    return d;
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.pendingRecords >= MAX_PENDING_RECORDS) {
      this.immediate ??= setImmediate(() => this.flush());
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Emits everything queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    if (this.closed) return;
    const sessions = this.sessions;
    this.sessions = new Map();
    const fresh = this.fresh;
    this.fresh = new Map();
    this.pendingRecords = 0;
    if (this.wantState) {
      this.wantState = false;
      this.wantApps = false; // the state carries apps and problems
      this.wantProblems = false;
      this.emit({ type: 'state', state: this.sources.state() });
    }
    for (const [app, d] of sessions) {
      if (d.upserted.size === 0 && d.removed.size === 0) continue;
      this.emit({ type: 'sessions', app, upserted: [...d.upserted.values()], removed: [...d.removed] });
    }
    if (fresh.size > 0) this.emit({ type: 'new-pending', sessions: [...fresh.values()] });
    if (this.wantApps) {
      this.wantApps = false;
      this.emit({ type: 'apps', apps: this.sources.apps() });
    }
    if (this.wantProblems) {
      this.wantProblems = false;
      this.emit({ type: 'problems', problems: this.sources.problems() });
    }
    if (this.wantUnpushed) {
      this.wantUnpushed = false;
      this.emit({ type: 'unpushed', count: this.sources.unpushed() });
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
    this.closed = true;
  }
}

// Engine events arrive one at a time (an SSE message, an IPC message), and each one
// updated the stores and re-rendered the window. During a bulk action the engine sends
// hundreds within seconds, faster than 20,000 rows re-render. Queued here: 'sessions'
// deltas merge per app (the last version of each session wins), and the events that
// replace a whole list or count ('apps', 'problems', 'unpushed', 'folders',
// 'overwritten') keep only their newest; all are applied once per task (a timer of 0 ms
// after the first). Any other event first applies what is queued, so it keeps its order.

import type { EngineEvent, SessionRecord } from '../../../shared/types';

/** Events whose newest one says everything the older ones said. */
const REPLACING = new Set<EngineEvent['type']>(['apps', 'problems', 'unpushed', 'folders', 'overwritten']);

export class EventQueue {
  /** Per app, per session: its newest record, or null when it was removed. */
  private readonly sessions = new Map<string, Map<string, SessionRecord | null>>();
  /** The newest event of each replacing type, in the order the types first came. */
  private readonly latest = new Map<EngineEvent['type'], EngineEvent>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deliver: (event: EngineEvent) => void) {}

  push(event: EngineEvent): void {
    if (event.type === 'sessions') {
      let changes = this.sessions.get(event.app);
      if (!changes) this.sessions.set(event.app, (changes = new Map()));
      for (const id of event.removed) changes.set(id, null);
      for (const record of event.upserted) changes.set(record.id, record);
      this.schedule();
    } else if (REPLACING.has(event.type)) {
      this.latest.set(event.type, event);
      this.schedule();
    } else {
      this.flush();
      this.deliver(event);
    }
  }

  /** Applies what is queued now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const sessions = [...this.sessions];
    const latest = [...this.latest.values()];
    this.sessions.clear();
    this.latest.clear();
    for (const [app, changes] of sessions) {
      const upserted: SessionRecord[] = [];
      const removed: string[] = [];
      for (const [id, record] of changes) {
        if (record) upserted.push(record);
        else removed.push(id);
      }
      this.deliver({ type: 'sessions', app, upserted, removed });
    }
    for (const event of latest) this.deliver(event);
  }

  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.sessions.clear();
    this.latest.clear();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), 0);
  }
}

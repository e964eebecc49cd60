// GET /api/events: Server-Sent Events, one EngineEvent per message. A stream
// starts with {type:'state'} (the snapshot), then every engine event, with
// comment heartbeats so proxies and the browser keep the connection open.
// No Electron import.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineEvent } from '../../shared/types';
import type { SessionApi, SessionClient } from '../../shared/api';
import { HARDENING_HEADERS } from './static-files';

export const DEFAULT_HEARTBEAT_MS = 15_000;

export type EventSource = Pick<SessionApi, 'getState'> & Pick<SessionClient, 'onEvent'>;

/** Every open event stream of one server, so closing the server ends them all. */
export class EventStreams {
  private readonly streams = new Set<ServerResponse>();

  constructor(
    private readonly source: EventSource,
    private readonly heartbeatMs: number = DEFAULT_HEARTBEAT_MS,
  ) {}

  get size(): number {
    return this.streams.size;
  }

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...HARDENING_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    this.streams.add(res);
    // Subscribe first, then send the snapshot, so nothing falls between them.
    const queue: EngineEvent[] = [];
    let snapshotSent = false;
    const write = (e: EngineEvent) => res.write(`data: ${JSON.stringify(e)}\n\n`);
    const unsubscribe = this.source.onEvent((e) => (snapshotSent ? write(e) : queue.push(e)));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), this.heartbeatMs);
    heartbeat.unref();
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.streams.delete(res);
    };
    req.on('close', stop);
    res.on('error', stop);
    this.source.getState().then(
      (state) => {
        write({ type: 'state', state });
        snapshotSent = true;
        // A queued 'state' is older than the snapshot just sent: dropping it keeps the order right.
        for (const e of queue.splice(0)) if (e.type !== 'state') write(e);
      },
      (err: unknown) => {
        console.error('[serve] getState failed for the event stream', err);
        res.end();
      },
    );
  }

  closeAll(): void {
    for (const s of this.streams) s.end();
    this.streams.clear();
  }
}

import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineEvent, WorkspaceState } from '../../shared/types';
import { EventStreams, type EventSource } from './event-stream';

const state = { phase: 'ready' } as WorkspaceState;

/** A response that records what is written, and a request that can be closed. */
function fakeStream() {
  const written: string[] = [];
  const res = Object.assign(new EventEmitter(), {
    writeHead: () => res,
    write: (chunk: string) => written.push(chunk) > 0,
    end: () => written.push('<end>'),
  });
  const req = new EventEmitter();
  const events = () => written.filter((w) => w.startsWith('data: ')).map((w) => JSON.parse(w.slice(6)) as EngineEvent);
  return {
    req: req as unknown as IncomingMessage,
    res: res as unknown as ServerResponse,
    written,
    events,
    close: () => req.emit('close'),
  };
}

function fakeSource() {
  const listeners = new Set<(e: EngineEvent) => void>();
  let release: (s: WorkspaceState) => void = () => {};
  const source: EventSource = {
    getState: () => new Promise<WorkspaceState>((r) => (release = r)),
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    source,
    listeners,
    emit: (e: EngineEvent) => listeners.forEach((l) => l(e)),
    release: (s: WorkspaceState) => release(s),
  };
}

describe('event stream', () => {
  it('sends the snapshot first, then the events that came while it was read, then live ones', async () => {
    const src = fakeSource();
    const streams = new EventStreams(src.source, 60_000);
    const s = fakeStream();
    streams.open(s.req, s.res);
    expect(s.written[0]).toBe('retry: 1000\n\n');
    src.emit({ type: 'unpushed', count: 1 });
    src.emit({ type: 'state', state: { ...state, unpushed: 9 } }); // older than the snapshot
    src.release(state);
    await new Promise((r) => setImmediate(r));
    src.emit({ type: 'unpushed', count: 2 });
    expect(s.events()).toEqual([
      { type: 'state', state },
      { type: 'unpushed', count: 1 },
      { type: 'unpushed', count: 2 },
    ]);
  });

  it('unsubscribes when the client goes, and ends every stream on closeAll', () => {
    const src = fakeSource();
    const streams = new EventStreams(src.source, 60_000);
    const a = fakeStream();
    const b = fakeStream();
    streams.open(a.req, a.res);
    streams.open(b.req, b.res);
    expect(streams.size).toBe(2);
    a.close();
    expect(streams.size).toBe(1);
    expect(src.listeners.size).toBe(1);
    streams.closeAll();
    expect(streams.size).toBe(0);
    expect(b.written.at(-1)).toBe('<end>');
  });
});

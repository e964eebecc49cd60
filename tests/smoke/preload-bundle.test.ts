// The built preload (out/preload/index.cjs) run as Electron would run it in a
// sandboxed renderer: a CommonJS script whose only require() is 'electron',
// here a stub contextBridge + ipcRenderer. Checks what the page gets.
// Builds first when out/ is missing or stale.

import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { API_METHODS, BRIDGE_GLOBAL, IPC_EVENT_CHANNEL, type SessionClient } from '../../shared/api';
import { MENU_CHANNEL } from '../../shared/menu';
import type { EngineEvent } from '../../shared/types';
import { ensureBuilt, PRELOAD } from './ensure-built';

type Listener = (event: unknown, payload: unknown) => void;

function loadPreload() {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<Listener>>();
  const invoked: [string, unknown[]][] = [];
  const replies = new Map<string, unknown>();
  const domEvents: { type: string; detail: unknown }[] = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push([channel, args]);
        return replies.get(channel);
      },
      on: (channel: string, fn: Listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(fn);
      },
      removeListener: (channel: string, fn: Listener) => listeners.get(channel)?.delete(fn),
    },
  };
  class CustomEvent {
    constructor(
      readonly type: string,
      readonly init: { detail: unknown },
    ) {}
  }
  const window = { dispatchEvent: (e: CustomEvent) => domEvents.push({ type: e.type, detail: e.init.detail }) };
  const module = { exports: {} };
  runInNewContext(readFileSync(PRELOAD, 'utf8'), {
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`the preload required ${name}`);
      return electron;
    },
    module,
    exports: module.exports,
    window,
    CustomEvent,
  });
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((fn) => fn({}, payload));
  return { exposed, listeners, invoked, replies, domEvents, required, emit };
}

let p: ReturnType<typeof loadPreload>;
let client: SessionClient;

beforeAll(() => {
  ensureBuilt();
  p = loadPreload();
  client = p.exposed.get(BRIDGE_GLOBAL) as SessionClient;
}, 300_000);

describe('preload bundle', () => {
  it('requires only electron and exposes one object with exactly the contract', () => {
    expect(p.required).toEqual(['electron']);
    expect([...p.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(client).sort()).toEqual([...API_METHODS, 'onEvent'].sort());
    for (const v of Object.values(client)) expect(typeof v).toBe('function');
  });

  it('invokes msm:<method> with the arguments and unwraps the value', async () => {
    p.replies.set('msm:listSessions', { ok: true, value: [{ id: 'A' }] });
    expect(await client.listSessions('T.com.x')).toEqual([{ id: 'A' }]);
    expect(p.invoked.at(-1)).toEqual(['msm:listSessions', ['T.com.x']]);
  });

  it('rejects with a plain { code, message } object that survives the context bridge', async () => {
    p.replies.set('msm:getSession', { ok: false, error: { code: 'not-found', message: 'gone' } });
    await expect(client.getSession({ app: 'a', id: 'b' })).rejects.toEqual({
      name: 'ApiError',
      code: 'not-found',
      message: 'gone',
    });
    p.replies.set('msm:refresh', undefined);
    await expect(client.refresh()).rejects.toMatchObject({ code: 'internal' });
  });

  it('subscribes to engine events and unsubscribes', () => {
    const seen: EngineEvent[] = [];
    const off = client.onEvent((e) => seen.push(e));
    p.emit(IPC_EVENT_CHANNEL, { type: 'unpushed', count: 4 });
    off();
    p.emit(IPC_EVENT_CHANNEL, { type: 'unpushed', count: 5 });
    expect(seen).toEqual([{ type: 'unpushed', count: 4 }]);
    expect(() => client.onEvent('nope' as never)).toThrow('onEvent needs a function.');
  });

  it('turns known menu commands into msm:menu DOM events and drops anything else', () => {
    p.emit(MENU_CHANNEL, 'refresh');
    p.emit(MENU_CHANNEL, 'rm -rf');
    p.emit(MENU_CHANNEL, { toString: () => 'refresh' });
    expect(p.domEvents).toEqual([{ type: 'msm:menu', detail: 'refresh' }]);
  });
});

// The sandboxed preload: exposes the SessionClient to the page under
// window[BRIDGE_GLOBAL] over IPC, and turns native-menu commands into DOM
// events. It exposes functions only — never ipcRenderer itself — and forwards
// nothing but the contract's methods. Bundled to one CommonJS file
// (out/preload/index.cjs) that requires nothing but 'electron'.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  API_METHODS,
  BRIDGE_GLOBAL,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_PREFIX,
  type ApiResponse,
  type SessionClient,
} from '../../shared/api';
import { isMenuCommand, MENU_CHANNEL, MENU_DOM_EVENT } from '../../shared/menu';
import type { ApiErrorCode, EngineEvent } from '../../shared/types';

/**
 * What a failed call rejects with. A plain object, not an Error: the context
 * bridge copies an Error's message only and drops custom properties such as
 * `code`, while plain objects cross intact. The UI reads { code, message }
 * from either shape (renderer/src/lib/errors.ts).
 */
interface BridgeError {
  name: 'ApiError';
  code: ApiErrorCode;
  message: string;
}

function apiError(code: ApiErrorCode, message: string): BridgeError {
  return { name: 'ApiError', code, message };
}

async function invoke(method: string, args: unknown[]): Promise<unknown> {
  const response = (await ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${method}`, ...args)) as ApiResponse<unknown>;
  if (response && response.ok === true) return response.value;
  if (response && response.ok === false) throw apiError(response.error.code, response.error.message);
  throw apiError('internal', `Unexpected reply to ${method}.`);
}

function buildClient(): SessionClient {
  const client: Record<string, unknown> = {};
  for (const method of API_METHODS) {
    client[method] = (...args: unknown[]) => invoke(method, args);
  }
  client.onEvent = (listener: (event: EngineEvent) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
    const handler = (_event: IpcRendererEvent, payload: EngineEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  };
  return client as unknown as SessionClient;
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, buildClient());

ipcRenderer.on(MENU_CHANNEL, (_event: IpcRendererEvent, command: unknown) => {
  if (isMenuCommand(command)) window.dispatchEvent(new CustomEvent(MENU_DOM_EVENT, { detail: command }));
});

// IPC: one ipcMain.handle per API method (msm:<method>), each checking that
// the call comes from our window's main frame on our own origin before the
// raw arguments go to dispatch(), which validates them against the shared
// schemas. Engine events are forwarded to the window on IPC_EVENT_CHANNEL.

import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  API_METHODS,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_PREFIX,
  type ApiResponse,
  type FolderApi,
  type SessionApi,
  type SessionClient,
} from '../../shared/api';
import { dispatch } from '../engine/api-dispatch';
import { originOf } from './web-guards';

export type WindowLookup = () => BrowserWindow | null;

const REFUSED: ApiResponse<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This request did not come from the application window.' },
};

/** True when the invoke comes from the main frame of our window, showing our page. */
export function isTrustedSender(event: IpcMainInvokeEvent, getWindow: WindowLookup, origin: string): boolean {
  const win = getWindow();
  if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return originOf(frame.url) === origin;
}

/** A WorkspaceSet (every method) or a single Workspace (folder-list methods answer 'unsupported'). */
export type EngineClient = SessionApi & Partial<FolderApi> & Pick<SessionClient, 'onEvent'>;

export function registerApiHandlers(
  ipcMain: IpcMain,
  api: EngineClient,
  getWindow: WindowLookup,
  origin: string,
): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${method}`, (event, ...args: unknown[]) =>
      isTrustedSender(event, getWindow, origin) ? dispatch(api, method, args) : REFUSED,
    );
  }
  const unsubscribe = api.onEvent((e) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, e);
  });
  return () => {
    unsubscribe();
    for (const method of API_METHODS) ipcMain.removeHandler(`${IPC_INVOKE_PREFIX}${method}`);
  };
}

// One entry point for commands coming from the Electron menu (`msm:menu` events),
// keyboard shortcuts and buttons, so each does exactly the same thing.

import type { SessionRef } from '../../../shared/types';
import { focusSearch, openDialog, useUi } from '../store/ui';
import { openDemo, openFolder, refresh } from './connection';
import { addFolder } from '../features/folders/folder-actions';
import { startPush } from '../features/push/push-actions';
import { selectedRefs } from '../features/sessions/selection-actions';
import { requestDelete, setStatus } from '../features/sessions/session-actions';

export const MENU_EVENT = 'msm:menu';
export const MENU_COMMANDS = [
  'open-folder',
  'add-folder',
  'refresh',
  'push',
  'find',
  'delete',
  'accept',
  'hold',
  'open-demo',
  'about',
  'push-settings',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(v: unknown): v is MenuCommand {
  return typeof v === 'string' && (MENU_COMMANDS as readonly string[]).includes(v);
}

/** The selected session, when the sessions view shows one. */
export function selectedRef(): SessionRef | null {
  const { selectedApp, selectedId, view } = useUi.getState();
  return view === 'sessions' && selectedApp && selectedId ? { app: selectedApp, id: selectedId } : null;
}

export function runCommand(cmd: MenuCommand): void {
  const ref = selectedRef();
  switch (cmd) {
    case 'open-folder':
      void openFolder();
      return;
    case 'add-folder':
      void addFolder();
      return;
    case 'open-demo':
      void openDemo();
      return;
    case 'refresh':
      void refresh();
      return;
    case 'push':
      void startPush();
      return;
    case 'push-settings':
      openDialog({ kind: 'push-settings' });
      return;
    case 'find':
      focusSearch();
      return;
    case 'about':
      openDialog({ kind: 'about' });
      return;
    case 'delete': {
      // The selection when there is one, else the current row.
      const refs = selectedRefs();
      if (refs.length) requestDelete(refs);
      else if (ref) requestDelete([ref]);
      return;
    }
    case 'accept':
    case 'hold': {
      const refs = selectedRefs();
      const targets = refs.length ? refs : ref ? [ref] : [];
      if (targets.length) void setStatus(targets, cmd === 'accept' ? 'accepted' : 'pending');
      return;
    }
  }
}

/** Listens for the Electron menu's commands; returns the unsubscribe function. */
export function listenForMenuCommands(target: Window = window): () => void {
  const onMenu = (e: Event) => {
    const detail = (e as CustomEvent<unknown>).detail;
    if (isMenuCommand(detail)) runCommand(detail);
  };
  target.addEventListener(MENU_EVENT, onMenu);
  return () => target.removeEventListener(MENU_EVENT, onMenu);
}

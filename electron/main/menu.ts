// The native application menu. Items that act on the UI send a MenuCommand to
// the window (see shared/menu.ts); the UI does the work through the same API
// as its own buttons. There is deliberately no "reload" role anywhere:
// CmdOrCtrl+R means Refresh (rescan the folder), as in 4D's component.

import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL, type MenuCommand } from '../../shared/menu';
import { appearanceMenu, type AppearanceHooks } from './appearance';

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  isPackaged: boolean;
  getWindow: () => BrowserWindow | null;
  /** Theme and language overrides (View menu); absent in tests that do not need them. */
  appearance?: AppearanceHooks;
}

export function sendMenuCommand(getWindow: () => BrowserWindow | null, command: MenuCommand): void {
  const win = getWindow();
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.focus();
  win.webContents.send(MENU_CHANNEL, command);
}

export function menuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  const send = (command: MenuCommand) => () => sendMenuCommand(ctx.getWindow, command);
  const about: MenuItemConstructorOptions = { label: `About ${ctx.appName}`, click: send('about') };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: ctx.appName,
          submenu: [
            about,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  return [
    ...appMenu,
    {
      label: '&File',
      submenu: [
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: send('open-folder') },
        { label: 'Add Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: send('add-folder') },
        { label: 'Open Demo Folder', click: send('open-demo') },
        ...(mac ? [{ role: 'recentDocuments' as const, submenu: [{ role: 'clearRecentDocuments' as const }] }] : []),
        { type: 'separator' },
        { label: 'Refresh', accelerator: 'CmdOrCtrl+R', click: send('refresh') },
        { label: 'Push', accelerator: 'CmdOrCtrl+Shift+P', click: send('push') },
        { label: 'Push Settings…', click: send('push-settings') },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Find', accelerator: 'CmdOrCtrl+F', click: send('find') },
      ],
    },
    {
      label: '&Session',
      submenu: [
        { label: 'Accept', accelerator: 'CmdOrCtrl+Shift+A', click: send('accept') },
        { label: 'Hold', accelerator: 'CmdOrCtrl+Shift+H', click: send('hold') },
        { type: 'separator' },
        // No accelerator: Cmd/Ctrl+Backspace edits text in inputs and must keep doing so;
        // in the table the Delete and Backspace keys open the same confirmation.
        { label: 'Delete…', click: send('delete') },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(ctx.isPackaged ? [] : [{ role: 'toggleDevTools' as const }, { type: 'separator' as const }]),
        ...(ctx.appearance ? [...appearanceMenu(ctx.appearance), { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [about],
    },
  ];
}

// Commands the desktop app's native menu sends to the UI. The main process
// sends one of these on MENU_CHANNEL; the preload re-dispatches it in the page
// as `window.dispatchEvent(new CustomEvent(MENU_DOM_EVENT, { detail: command }))`,
// which the UI listens for. Browser mode has no native menu (the UI's own
// toolbar and shortcuts cover the same commands).

export const MENU_CHANNEL = 'msm:menu';
export const MENU_DOM_EVENT = 'msm:menu';

export const MENU_COMMANDS = [
  'open-folder', // File → Open Folder…  (CmdOrCtrl+O): UI calls chooseFolder()
  'add-folder', // File → Add Folder… (CmdOrCtrl+Shift+O): UI calls addFolder() (several folders open at once)
  'open-demo', // File → Open Demo Folder: UI calls openDemo()
  'refresh', // File → Refresh (CmdOrCtrl+R): UI calls refresh(); the page is NOT reloaded
  'push', // File → Push (CmdOrCtrl+Shift+P): UI starts its push flow
  'push-settings', // File → Push Settings…: UI opens the push settings dialog
  'find', // Edit → Find (CmdOrCtrl+F): UI focuses the search field
  'accept', // Session → Accept (CmdOrCtrl+Shift+A): the selected session
  'hold', // Session → Hold (CmdOrCtrl+Shift+H): the selected session → pending
  'delete', // Session → Delete… (Delete/Backspace in the table): UI asks for confirmation first
  'about', // Help → About: UI shows its About dialog with the version
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

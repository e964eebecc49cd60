// Who the app is to the OS. On Windows the AppUserModelID ties the process to
// the Start-menu shortcut the NSIS installer creates (carrying electron-builder's
// appId): without it notifications may not show and the taskbar groups the
// app's windows apart from its pinned icon. Must be set before any window opens.
// No Electron import (tests/packaging checks the id matches electron-builder.yml).

export const APP_USER_MODEL_ID = 'com.mobilesessionmanager.app';

export function setWindowsIdentity(app: { setAppUserModelId(id: string): void }, platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
}

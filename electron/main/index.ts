// Electron main process: app lifecycle and the glue between Electron and the
// engine. Everything that matters for security is in small modules:
// window.ts (web preferences), web-guards.ts (navigation, windows, webviews,
// permissions), app-protocol.ts (app:// with CSP header), ipc.ts (validated
// handlers), menu.ts (native menu → UI commands).

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, screen, session, shell } from 'electron';
import type { WorkspaceHost } from '../engine/workspace';
import { WorkspaceSet } from '../engine/workspace-set';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { folderFromArgv } from './argv-folder';
import { rememberOpenFolders, reopenFolders } from './open-folders';
import { trackPendingBadge } from './pending-badge';
import { registerApiHandlers } from './ipc';
import { lastFolder, rememberFolder } from './last-folder';
import { restorableBounds, trackWindowState } from './window-state';
import { SettingsStore } from '../engine/settings-store';
import { menuTemplate } from './menu';
import { savedLanguage, type AppearanceHooks } from './appearance';
import { createMainWindow, preloadPath, rendererDir, rendererOrigin, type WindowPaths } from './window';
import { installWebGuards, restrictPermissions } from './web-guards';
import { createDesktopPushService } from './push-wiring';

const MAIN_DIR = dirname(fileURLToPath(import.meta.url));
const paths: WindowPaths = {
  preload: preloadPath(MAIN_DIR),
  devServerUrl: !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null,
};
const origin = rendererOrigin(paths);

let mainWindow: BrowserWindow | null = null;
/** Shown once the window exists (e.g. "the settings file was corrupt and was reset"). */
const startupWarnings: string[] = [];
/** Every open folder (one per 4D Server share, say); the API acts on the active one. */
let workspace: WorkspaceSet | null = null;
let settings: SettingsStore | null = null;
const getWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

function hostPlatform(): WorkspaceHost['platform'] {
  const p = process.platform;
  return p === 'darwin' || p === 'win32' ? p : 'linux';
}

function showWindow(): BrowserWindow {
  let win = getWindow();
  if (!win) {
    const saved = settings?.get().window ?? null;
    win = createMainWindow(paths, restorableBounds(saved, screen.getAllDisplays().map((d) => d.workArea)));
    if (settings) trackWindowState(win, settings);
    win.on('closed', () => (mainWindow = null));
    mainWindow = win;
  }
  if (win.isMinimized()) win.restore();
  win.focus();
  return win;
}

function createWorkspace(dataDir: string, store: SettingsStore): WorkspaceSet {
  const push = createDesktopPushService(store, app.getVersion());
  return new WorkspaceSet({
    platform: hostPlatform(),
    version: app.getVersion(),
    dataDir,
    trash: (abs) => shell.trashItem(abs),
    reveal: async (abs) => {
      shell.showItemInFolder(abs);
      return true;
    },
    chooseFolder: async () => {
      const win = getWindow();
      const options = { title: 'Open a MobileApps folder', properties: ['openDirectory' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    push,
    onFolderOpened: (root, isDemo) => {
      if (isDemo) return;
      app.addRecentDocument(root);
      rememberFolder(store, root).catch((err: unknown) => console.error('Could not remember the folder:', err));
    },
    onFoldersChanged: (folders, active) => {
      rememberOpenFolders(store, folders, active).catch((err: unknown) => console.error('Could not remember the open folders:', err));
    },
  });
}

async function openInitialFolder(ws: WorkspaceSet, store: SettingsStore): Promise<void> {
  const fromArgv = folderFromArgv(process.argv, process.cwd(), app.getAppPath());
  const remembered = { open: store.get().openFolders, last: lastFolder(store) };
  const { warning } = await reopenFolders(ws, remembered, fromArgv);
  const win = getWindow();
  if (warning && win) void dialog.showMessageBox(win, { type: 'warning', title: app.getName(), message: warning });
}

function openFromOutside(folder: string): void {
  showWindow();
  // Added beside the open folders; one that cannot be opened is listed with its error.
  workspace?.add(folder).catch((err: unknown) => console.error(`Could not open ${folder}:`, err));
}

function appearanceHooks(store: SettingsStore): AppearanceHooks {
  const saved = store.get();
  const save = (patch: Partial<Pick<typeof saved, 'theme' | 'language'>>) =>
    store.update((s) => ({ ...s, ...patch })).catch((err: unknown) => console.error('Could not save the setting:', err));
  return {
    theme: saved.theme,
    language: saved.language,
    setTheme: (theme) => {
      nativeTheme.themeSource = theme; // the page follows through prefers-color-scheme
      void save({ theme });
    },
    setLanguage: (language) => {
      void save({ language }).then(async () => {
        const win = getWindow();
        if (!win) return;
        const options = {
          type: 'question' as const,
          buttons: ['Restart Now', 'Later'],
          defaultId: 0,
          message: 'The new language applies when the app restarts.',
        };
        if ((await dialog.showMessageBox(win, options)).response === 0) {
          app.relaunch();
          app.exit(0);
        }
      });
    },
  };
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  restrictPermissions(session.defaultSession, origin);
  serveRenderer(rendererDir(MAIN_DIR));
  const opened = await SettingsStore.open(dataDir);
  if (opened.warning) startupWarnings.push(opened.warning);
  settings = opened.store;
  workspace = createWorkspace(dataDir, opened.store);
  registerApiHandlers(ipcMain, workspace, getWindow, origin);
  trackPendingBadge(app, (listener) => workspace?.onEvent(listener) ?? (() => {}));
  nativeTheme.themeSource = opened.store.get().theme;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        appName: app.getName(),
        isPackaged: app.isPackaged,
        getWindow,
        appearance: appearanceHooks(opened.store),
      }),
    ),
  );
  app.setAboutPanelOptions({ applicationName: app.getName(), applicationVersion: app.getVersion() });
  const win = showWindow();
  for (const message of startupWarnings.splice(0)) {
    void dialog.showMessageBox(win, { type: 'warning', title: app.getName(), message });
  }
  await openInitialFolder(workspace, opened.store);
}

if (!app.requestSingleInstanceLock()) {
  // Another instance is running: it receives our argv through 'second-instance'.
  app.quit();
} else {
  const language = savedLanguage(app.getPath('userData'));
  if (language !== 'system') app.commandLine.appendSwitch('lang', language);
  registerAppScheme();
  installWebGuards(app, origin);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const folder = folderFromArgv(argv, workingDirectory, app.getAppPath());
    if (folder) openFromOutside(folder);
    else showWindow();
  });
  // macOS: a folder dropped on the dock icon or picked from the recent list.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) openFromOutside(path);
    else process.argv.push(path);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady()) showWindow();
  });
  app.on('before-quit', () => {
    void workspace?.close();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Mobile Session Manager could not start', err instanceof Error ? err.message : String(err));
      app.quit();
    });
}

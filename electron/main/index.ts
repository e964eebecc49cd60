// Electron main process: app lifecycle and the glue between Electron and the
// engine. Everything that matters for security is in small modules:
// window.ts (web preferences), web-guards.ts (navigation, windows, webviews,
// permissions), app-protocol.ts (app:// with CSP header), ipc.ts (validated
// handlers), menu.ts (native menu → UI commands). What Electron does not do
// for us lives in plain modules too: quit-flush.ts (await the writes before
// quitting), startup-queue.ts (requests that arrive during start-up),
// app-trash.ts (delete on shares), pending-badge.ts (per-OS badge).

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, nativeTheme, screen, session, shell } from 'electron';
import type { WorkspaceHost } from '../engine/folder/workspace';
import { WorkspaceSet } from '../engine/folder-set/workspace-set';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { folderFromArgv } from './argv-folder';
import { rememberOpenFolders, reopenFolders } from './open-folders';
import { dockBadge, overlayDotBitmap, taskbarOverlay, trackPendingBadge, type BadgeSink } from './pending-badge';
import { AppTrashLog, appTrashDir, trashWithAppFallback, withAppTrashNotice } from './app-trash';
import { setWindowsIdentity } from './app-identity';
import { flushBeforeQuit } from './quit-flush';
import { StartupQueue } from './startup-queue';
import { describeScanPath } from './scan-path';
import { onScanFinished } from '../engine/scan/scanner';
import { registerApiHandlers } from './ipc';
import { lastFolder, rememberFolder } from './last-folder';
import { restorableBounds, saveWindowBounds, trackWindowState } from './window-state';
import { SettingsStore } from '../engine/settings/settings-store';
import { settingsWatchPreferences } from '../engine/settings/watch-preferences';
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
/** Open-file / second-instance / activate wait here until start() is done. */
const startup = new StartupQueue();
/** Windows: the taskbar overlay, re-applied when the window is created again. */
let overlay: ReturnType<typeof taskbarOverlay> | null = null;
const getWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);

function hostPlatform(): WorkspaceHost['platform'] {
  const p = process.platform;
  return p === 'darwin' || p === 'win32' ? p : 'linux';
}

function showWindow(): BrowserWindow {
  let win = getWindow();
  if (!win) {
    const saved = settings?.get().window ?? null;
    win = createMainWindow(
      paths,
      restorableBounds(saved, (b) => screen.getDisplayMatching(b).workArea),
    );
    if (settings) trackWindowState(win, settings);
    win.on('closed', () => (mainWindow = null));
    mainWindow = win;
    overlay?.reapply();
  }
  if (win.isMinimized()) win.restore();
  win.focus();
  return win;
}

function createWorkspace(dataDir: string, store: SettingsStore, trashLog: AppTrashLog): WorkspaceSet {
  const push = createDesktopPushService(store, app.getVersion());
  return new WorkspaceSet({
    platform: hostPlatform(),
    version: app.getVersion(),
    dataDir,
    trash: trashWithAppFallback((abs) => shell.trashItem(abs), trashLog),
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
    watchPreferences: settingsWatchPreferences(store),
    onFolderOpened: (root, isDemo) => {
      if (isDemo) return;
      app.addRecentDocument(root);
      rememberFolder(store, root).catch((err: unknown) => console.error('Could not remember the folder:', err));
    },
    onFoldersChanged: (folders, active) => {
      rememberOpenFolders(store, folders, active).catch((err: unknown) =>
        console.error('Could not remember the open folders:', err),
      );
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
    store
      .update((s) => ({ ...s, ...patch }))
      .catch((err: unknown) => console.error('Could not save the setting:', err));
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
          // quit(), not exit(): exit() skips 'before-quit', so unpushed changes would be lost.
          app.relaunch();
          app.quit();
        }
      });
    },
  };
}

function badgeSink(): BadgeSink {
  if (process.platform !== 'win32') return dockBadge(app);
  overlay = taskbarOverlay(getWindow, () =>
    nativeImage.createFromBitmap(overlayDotBitmap(), { width: 16, height: 16 }),
  );
  return overlay;
}

/** Everything a quit must not lose: window bounds, unpushed changes, audit entries, queued settings. */
async function flushForQuit(): Promise<void> {
  const win = getWindow();
  if (win && settings)
    await saveWindowBounds(win, settings).catch((err: unknown) =>
      console.error('Could not save the window size:', err),
    );
  await workspace?.close();
  // Settings writes run in order: this one settles after every earlier one (open folders, theme…).
  await settings?.update(() => undefined);
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  restrictPermissions(session.defaultSession, origin);
  serveRenderer(rendererDir(MAIN_DIR));
  const opened = await SettingsStore.open(dataDir);
  if (opened.warning) startupWarnings.push(opened.warning);
  settings = opened.store;
  const trashLog = new AppTrashLog(appTrashDir(dataDir));
  workspace = createWorkspace(dataDir, opened.store, trashLog);
  registerApiHandlers(ipcMain, withAppTrashNotice(workspace, trashLog), getWindow, origin);
  trackPendingBadge(badgeSink(), (listener) => workspace?.onEvent(listener) ?? (() => {}));
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
  const about = (credits?: string) =>
    app.setAboutPanelOptions({
      applicationName: app.getName(),
      applicationVersion: app.getVersion(),
      ...(credits ? { credits } : {}),
    });
  about();
  onScanFinished((stats) => {
    const line = describeScanPath(stats);
    console.log(line);
    about(line);
  });
  const win = showWindow();
  for (const message of startupWarnings.splice(0)) {
    void dialog.showMessageBox(win, { type: 'warning', title: app.getName(), message });
  }
  await openInitialFolder(workspace, opened.store);
}

/** Asks a running app to show a folder: queued until start-up is done. */
function openWhenStarted(folder: string | null): void {
  startup.run(() => (folder ? openFromOutside(folder) : showWindow()));
}

if (!app.requestSingleInstanceLock()) {
  // Another instance is running: it receives our argv through 'second-instance'.
  app.quit();
} else {
  setWindowsIdentity(app, process.platform);
  const language = savedLanguage(app.getPath('userData'));
  if (language !== 'system') app.commandLine.appendSwitch('lang', language);
  registerAppScheme();
  installWebGuards(app, origin);
  app.on('second-instance', (_event, argv, workingDirectory) => {
    openWhenStarted(folderFromArgv(argv, workingDirectory, app.getAppPath()));
  });
  // macOS: a folder dropped on the dock icon, picked from the recent list, or `open -a … /path`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openWhenStarted(path);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => startup.run(() => showWindow()));
  flushBeforeQuit(app, flushForQuit);
  app
    .whenReady()
    .then(start)
    .then(() => startup.markStarted())
    .catch((err: unknown) => {
      dialog.showErrorBox('Mobile Session Manager could not start', err instanceof Error ? err.message : String(err));
      app.quit();
    });
}

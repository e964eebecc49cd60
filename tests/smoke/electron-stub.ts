// A stand-in for the 'electron' module so the built main bundle can be loaded
// in plain Node: every API the app touches exists and records what it was
// given. Only the surface electron/main/** uses is covered; anything else
// shows up as a TypeError in the smoke test, which is the point.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Fn = (...args: never[]) => unknown;
type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  off(): this {
    return this;
  }
  removeListener(): this {
    return this;
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((fn) => fn(...args));
  }
}

export class FakeWebContents extends FakeEmitter {
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: Fn | null = null;
  readonly mainFrame = { url: '', parent: null };
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(fn: Fn): void {
    this.windowOpenHandler = fn;
  }
}

export const recorded = {
  windows: [] as FakeBrowserWindow[],
  handlers: new Map<string, Listener>(),
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (req: Request) => Promise<Response> | Response>(),
  permissionRequestHandler: null as Listener | null,
  permissionCheckHandler: null as Listener | null,
  devicePermissionHandler: null as Listener | null,
  sessionEvents: new FakeEmitter(),
  menu: null as unknown,
  recentDocuments: [] as string[],
  badgeCounts: [] as number[],
  switches: [] as [string, string][],
  quitCalls: 0,
  userData: mkdtempSync(join(tmpdir(), 'msm-smoke-userdata-')),
};

export class FakeBrowserWindow extends FakeEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  show(): void {}
  maximize(): void {}
  isMaximized(): boolean {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1100, height: 700 };
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return recorded.windows;
  }
}

export const app = Object.assign(new FakeEmitter(), {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  getPath: (name: string) => {
    if (name !== 'userData') throw new Error(`stub: getPath(${name}) is not expected`);
    return recorded.userData;
  },
  getName: () => 'Mobile Session Manager',
  getVersion: () => '0.0.0-smoke',
  getAppPath: () => process.cwd(),
  getLocale: () => 'en-US',
  addRecentDocument: (p: string) => recorded.recentDocuments.push(p),
  setAboutPanelOptions: () => {},
  setBadgeCount: (n?: number) => (recorded.badgeCounts.push(n ?? 0), true),
  commandLine: { appendSwitch: (name: string, value?: string) => recorded.switches.push([name, value ?? '']) },
  relaunch: () => {},
  exit: () => {},
  quit: () => {
    recorded.quitCalls++;
  },
});

export const BrowserWindow = FakeBrowserWindow;

export const ipcMain = {
  handle: (channel: string, fn: Listener) => {
    if (recorded.handlers.has(channel)) throw new Error(`stub: second handler for ${channel}`);
    recorded.handlers.set(channel, fn);
  },
  removeHandler: (channel: string) => recorded.handlers.delete(channel),
  on: () => {},
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes),
  handle: (scheme: string, fn: (req: Request) => Promise<Response>) => recorded.protocolHandlers.set(scheme, fn),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn: Listener) => (recorded.permissionRequestHandler = fn),
    setPermissionCheckHandler: (fn: Listener) => (recorded.permissionCheckHandler = fn),
    setDevicePermissionHandler: (fn: Listener) => (recorded.devicePermissionHandler = fn),
    on: (event: string, fn: Listener) => recorded.sessionEvents.on(event, fn),
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu: (menu: unknown) => (recorded.menu = menu),
};

export const shell = {
  trashItem: async () => {},
  showItemInFolder: () => {},
  openExternal: async () => {},
};

export const dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showMessageBox: async () => ({ response: 0 }),
  showErrorBox: (title: string, content: string) => {
    throw new Error(`stub: showErrorBox ${title}: ${content}`);
  },
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const nativeTheme = Object.assign(new FakeEmitter(), { shouldUseDarkColors: false, themeSource: 'system' });

export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('stub: no keychain');
  },
  decryptString: () => {
    throw new Error('stub: no keychain');
  },
};

export default { app, BrowserWindow, ipcMain, protocol, session, Menu, shell, dialog, nativeTheme, safeStorage, screen };

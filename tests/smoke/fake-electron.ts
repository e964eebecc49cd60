// A fake 'electron' module that behaves like Electron 45 where the shell can get
// it wrong (read against electron.d.ts and Electron's documented behaviour):
// - the app is NOT ready at first: 'open-file' and 'second-instance' may arrive
//   before 'ready', and whenReady() resolves only when the test calls ready();
// - app.quit() emits 'before-quit' and does NOT wait for promises its listeners
//   return: unless one calls preventDefault(), windows close, 'will-quit' and
//   'quit' fire and the process is gone at once (onExit runs synchronously, so a
//   test can snapshot the data directory as a killed process would leave it);
// - app.exit() skips 'before-quit' altogether; app.relaunch() only records;
// - shell.trashItem() rejects ("Operation was aborted") for paths it is told are
//   on a network volume, and really moves other files away;
// - app.setBadgeCount() is a no-op returning false on win32; win.setOverlayIcon
//   and screen.getDisplayMatching().workArea exist; safeStorage has the async API;
// - the platform is switchable (darwin / win32 / linux): it sets process.platform.
// Each launch of the shell gets a fresh instance (createFakeElectron); the
// 'electron' mock hands out the current one (useFakeElectron / currentFake).

import { cpSync, mkdtempSync, renameSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

type Listener = (...args: unknown[]) => unknown;
export type FakePlatform = 'darwin' | 'win32' | 'linux';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  const e = { defaultPrevented: false, preventDefault: () => void (e.defaultPrevented = true) };
  return e;
}

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(event, wrapped);
      return fn(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, fn: Listener): this {
    return this.removeListener(event, fn);
  }
  removeListener(event: string, fn: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== fn),
    );
    return this;
  }
  /** Calls every listener synchronously, like Node's EventEmitter: returned promises are ignored. */
  emit(event: string, ...args: unknown[]): unknown[] {
    return [...(this.listeners.get(event) ?? [])].map((fn) => fn(...args));
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export class FakeWebContents extends FakeEmitter {
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  readonly mainFrame = { url: '', parent: null };
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(fn: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = fn;
  }
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FakeOptions {
  platform?: FakePlatform;
  /** The app's data directory (a fresh temp folder by default). */
  userData?: string;
  /** Displays' work areas; the first is the primary one. */
  displays?: Rect[];
  /** Whether the OS keychain is available to safeStorage. */
  keychain?: boolean;
  /** Called synchronously when the process would end (quit completed, or exit()). */
  onExit?: (fake: FakeElectron) => void;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return Math.max(0, w) * Math.max(0, h);
}

function distance(a: Rect, b: Rect): number {
  const cx = a.x + a.width / 2;
  const cy = a.y + a.height / 2;
  const dx = Math.max(b.x - cx, 0, cx - (b.x + b.width));
  const dy = Math.max(b.y - cy, 0, cy - (b.y + b.height));
  return dx * dx + dy * dy;
}

export function createFakeElectron(options: FakeOptions = {}) {
  const platform: FakePlatform = options.platform ?? 'linux';
  const realPlatform = Object.getOwnPropertyDescriptor(process, 'platform');
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
  const userData = options.userData ?? mkdtempSync(join(tmpdir(), 'msm-fake-userdata-'));
  const displays = options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1080 }];
  const osTrash = mkdtempSync(join(tmpdir(), 'msm-fake-os-trash-'));

  const recorded = {
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
    overlays: [] as { image: unknown; description: string }[],
    appUserModelId: null as string | null,
    aboutPanel: [] as Record<string, unknown>[],
    switches: [] as [string, string][],
    messageBoxes: [] as unknown[],
    errorBoxes: [] as [string, string][],
    trashed: [] as string[],
    quitCalls: 0,
    relaunched: 0,
    exitCode: null as number | null,
    /** The process ended (quit went through, or exit()). */
    exited: false,
    userData,
    osTrash,
  };
  /** Paths (or folders) on a network volume: the OS trash refuses them. */
  const networkVolumes: string[] = [];
  let ready = false;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));
  let quitting = false;

  class FakeBrowserWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    destroyed = false;
    bounds: Rect;
    constructor(readonly options: Record<string, unknown>) {
      super();
      if (!ready) throw new Error('fake electron: a BrowserWindow cannot be created before the app is ready');
      const o = options as Partial<Rect>;
      const primary = displays[0] as Rect;
      const width = o.width ?? 800;
      const height = o.height ?? 600;
      this.bounds = {
        x: o.x ?? primary.x + (primary.width - width) / 2,
        y: o.y ?? primary.y + (primary.height - height) / 2,
        width,
        height,
      };
      recorded.windows.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    isDestroyed(): boolean {
      return this.destroyed;
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
    getNormalBounds(): Rect {
      return { ...this.bounds };
    }
    getBounds(): Rect {
      return { ...this.bounds };
    }
    setBounds(b: Partial<Rect>): void {
      this.bounds = { ...this.bounds, ...b };
    }
    setOverlayIcon(image: unknown, description: string): void {
      if (platform !== 'win32') return; // Windows only, per electron.d.ts
      recorded.overlays.push({ image, description });
    }
    /** Closes like the user or app.quit() would: 'close' (cancellable), then 'closed'. */
    close(): boolean {
      if (this.destroyed) return true;
      const e = fakeEvent();
      this.emit('close', e);
      if (e.defaultPrevented) return false;
      this.destroyed = true;
      this.emit('closed');
      recorded.windows.splice(recorded.windows.indexOf(this), 1);
      if (recorded.windows.length === 0 && !quitting) app.emit('window-all-closed');
      return true;
    }
    static getAllWindows(): FakeBrowserWindow[] {
      return [...recorded.windows];
    }
  }

  function end(code: number): void {
    if (recorded.exited) return;
    recorded.exited = true;
    recorded.exitCode = code;
    for (const w of [...recorded.windows]) {
      w.destroyed = true;
      w.emit('closed');
    }
    recorded.windows.length = 0;
    if (realPlatform) Object.defineProperty(process, 'platform', realPlatform);
    options.onExit?.(fake);
  }

  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => readyPromise,
    isReady: () => ready,
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`fake electron: getPath(${name}) is not expected`);
      return userData;
    },
    getName: () => 'Mobile Session Manager',
    getVersion: () => '0.0.0-fake',
    getAppPath: () => process.cwd(),
    getLocale: () => 'en-US',
    addRecentDocument: (p: string) => void recorded.recentDocuments.push(p),
    setAboutPanelOptions: (o: Record<string, unknown>) => void recorded.aboutPanel.push(o),
    setAppUserModelId: (id: string) => {
      if (platform === 'win32') recorded.appUserModelId = id;
    },
    /** Electron: macOS and Linux (Unity) only; on Windows it does nothing and returns false. */
    setBadgeCount: (n?: number) => {
      if (platform === 'win32') return false;
      recorded.badgeCounts.push(n ?? 0);
      return true;
    },
    commandLine: { appendSwitch: (name: string, value?: string) => void recorded.switches.push([name, value ?? '']) },
    relaunch: () => void recorded.relaunched++,
    /** Ends at once: no 'before-quit', no 'will-quit' (Electron's documented behaviour). */
    exit: (code = 0) => end(code),
    quit: () => {
      recorded.quitCalls++;
      if (recorded.exited) return;
      const e = fakeEvent();
      app.emit('before-quit', e); // promises returned by listeners are NOT awaited
      if (e.defaultPrevented) return;
      quitting = true;
      for (const w of [...recorded.windows]) {
        if (!w.close()) {
          quitting = false;
          return;
        }
      }
      const wq = fakeEvent();
      app.emit('will-quit', wq);
      if (wq.defaultPrevented) {
        quitting = false;
        return;
      }
      app.emit('quit', fakeEvent(), 0);
      end(0);
    },
  });

  const ipcMain = {
    handle: (channel: string, fn: Listener) => {
      if (recorded.handlers.has(channel)) throw new Error(`fake electron: second handler for ${channel}`);
      recorded.handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => void recorded.handlers.delete(channel),
    on: () => {},
  };

  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      if (ready) throw new Error('fake electron: registerSchemesAsPrivileged must be called before ready');
      recorded.privilegedSchemes.push(...schemes);
    },
    handle: (scheme: string, fn: (req: Request) => Promise<Response>) => void recorded.protocolHandlers.set(scheme, fn),
  };

  const session = {
    defaultSession: {
      setPermissionRequestHandler: (fn: Listener) => void (recorded.permissionRequestHandler = fn),
      setPermissionCheckHandler: (fn: Listener) => void (recorded.permissionCheckHandler = fn),
      setDevicePermissionHandler: (fn: Listener) => void (recorded.devicePermissionHandler = fn),
      on: (event: string, fn: Listener) => void recorded.sessionEvents.on(event, fn),
    },
  };

  const Menu = {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: unknown) => void (recorded.menu = menu),
  };

  const onNetworkVolume = (p: string) => networkVolumes.some((v) => p === v || p.startsWith(`${v}/`));
  const shell = {
    /** Like Windows' Recycle Bin / macOS' Trash: refuses items on a network volume. */
    trashItem: async (p: string) => {
      if (onNetworkVolume(p)) throw new Error(`Failed to move item to trash: Operation was aborted (${p})`);
      await stat(p); // a missing file is an error too
      renameSync(p, join(osTrash, `${recorded.trashed.length}-${basename(p)}`));
      recorded.trashed.push(p);
    },
    showItemInFolder: () => {},
    openExternal: async () => {},
  };

  const dialog = {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] as string[] }),
    showMessageBox: async (...args: unknown[]) => {
      recorded.messageBoxes.push(args.at(-1));
      return { response: 0, checkboxChecked: false };
    },
    showErrorBox: (title: string, content: string) => void recorded.errorBoxes.push([title, content]),
  };

  const screen = {
    getAllDisplays: () => displays.map((workArea, id) => ({ id, bounds: workArea, workArea })),
    getPrimaryDisplay: () => ({ id: 0, bounds: displays[0], workArea: displays[0] }),
    /** The display that most closely intersects the rectangle (nearest when none does). */
    getDisplayMatching: (rect: Rect) => {
      let best = 0;
      displays.forEach((d, i) => {
        const a = overlapArea(rect, d);
        const b = overlapArea(rect, displays[best] as Rect);
        if (a > b || (a === 0 && b === 0 && distance(rect, d) < distance(rect, displays[best] as Rect))) best = i;
      });
      const workArea = displays[best] as Rect;
      return { id: best, bounds: workArea, workArea };
    },
  };

  const nativeTheme = Object.assign(new FakeEmitter(), { shouldUseDarkColors: false, themeSource: 'system' });

  const nativeImage = {
    createFromBitmap: (buffer: Buffer, size: { width: number; height: number }) => ({ kind: 'bitmap', buffer, size }),
    createFromBuffer: (buffer: Buffer) => ({ kind: 'buffer', buffer }),
    createEmpty: () => ({ kind: 'empty' }),
  };

  const keychain = options.keychain ?? false;
  const sealed = (s: string) => Buffer.from(`sealed:${s}`);
  const deprecated = (name: string) => () => {
    throw new Error(`fake electron: safeStorage.${name} is deprecated in Electron 45; use the async API`);
  };
  const safeStorage = {
    isEncryptionAvailable: deprecated('isEncryptionAvailable'),
    encryptString: deprecated('encryptString'),
    decryptString: deprecated('decryptString'),
    isAsyncEncryptionAvailable: async () => keychain,
    getSelectedStorageBackend: () => (keychain ? 'gnome_libsecret' : 'basic_text'),
    encryptStringAsync: async (plain: string) => {
      if (!keychain) throw new Error('fake electron: no keychain');
      return sealed(plain);
    },
    decryptStringAsync: async (data: Buffer) => {
      const text = data.toString('utf8');
      if (!keychain || !text.startsWith('sealed:')) throw new Error('fake electron: cannot decrypt');
      return { result: text.slice('sealed:'.length), shouldReEncrypt: false };
    },
  };

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    protocol,
    session,
    Menu,
    shell,
    dialog,
    nativeTheme,
    nativeImage,
    safeStorage,
    screen,
  };

  const fake = {
    platform,
    recorded,
    module,
    ...module,
    /** The OS trash will refuse anything at or under `path`. */
    markNetworkVolume(path: string): void {
      networkVolumes.push(path);
    },
    /** Emits 'will-finish-launching', then 'ready', and resolves whenReady(). */
    ready(): void {
      if (ready) return;
      app.emit('will-finish-launching');
      ready = true;
      app.emit('ready', fakeEvent(), {});
      resolveReady();
    },
    /** macOS: a folder dropped on the Dock icon (or `open -a App /path`). */
    openFile(path: string): FakeEvent {
      const e = fakeEvent();
      app.emit('open-file', e, path);
      return e;
    },
    /** The user started the app a second time with this command line. */
    secondInstance(argv: string[], cwd = process.cwd()): void {
      app.emit('second-instance', fakeEvent(), argv, cwd, {});
    },
    activate(): void {
      app.emit('activate', fakeEvent(), recorded.windows.length > 0);
    },
    /** Gives process.platform back (also done when the fake process ends). */
    restorePlatform(): void {
      if (realPlatform) Object.defineProperty(process, 'platform', realPlatform);
    },
  };
  return fake;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
export type FakeBrowserWindow = InstanceType<FakeElectron['BrowserWindow']>;

// On globalThis, not in a module variable: vi.resetModules() gives every launch a fresh copy of this module.
const CURRENT = Symbol.for('msm.fake-electron.current');
type WithCurrent = typeof globalThis & { [CURRENT]?: FakeElectron };

/** Makes `fake` the instance the mocked 'electron' module hands out. */
export function useFakeElectron(fake: FakeElectron): FakeElectron {
  (globalThis as WithCurrent)[CURRENT] = fake;
  return fake;
}

export function currentFake(): FakeElectron {
  const fake = (globalThis as WithCurrent)[CURRENT];
  if (!fake) throw new Error('fake electron: call useFakeElectron() before loading the shell');
  return fake;
}

/** Copies a data directory as it is right now: what a process killed at this instant leaves on disk. */
export function snapshotDir(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'msm-fake-snapshot-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

type ModuleName = keyof FakeElectron['module'];

/**
 * The 'electron' module for vi.mock: every export forwards to the CURRENT fake at each use.
 * vitest caches a mock factory's result across vi.resetModules(), so the exports cannot be
 * one launch's objects.
 */
export function forwardingElectronModule(): Record<ModuleName | 'default', unknown> {
  const forward = (name: ModuleName) => {
    const real = () => currentFake().module[name] as object;
    // A function target, so that `new BrowserWindow(…)` works through the proxy.
    return new Proxy(function fakeElectronExport() {}, {
      get: (_t, prop) => {
        const value: unknown = Reflect.get(real(), prop);
        return typeof value === 'function' && prop !== 'prototype'
          ? (value as (...a: unknown[]) => unknown).bind(real())
          : value;
      },
      set: (_t, prop, value) => Reflect.set(real(), prop, value),
      has: (_t, prop) => Reflect.has(real(), prop),
      construct: (_t, args) => Reflect.construct(real() as new (...a: unknown[]) => object, args),
    });
  };
  const names: ModuleName[] = [
    'app',
    'BrowserWindow',
    'ipcMain',
    'protocol',
    'session',
    'Menu',
    'shell',
    'dialog',
    'nativeTheme',
    'nativeImage',
    'safeStorage',
    'screen',
  ];
  const mod = Object.fromEntries(names.map((n) => [n, forward(n)])) as Record<ModuleName, unknown>;
  return { ...mod, default: mod };
}

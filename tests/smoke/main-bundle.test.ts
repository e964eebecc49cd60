// Smoke test of the built Electron main process without the Electron binary:
// out/main/index.js is loaded with a fake 'electron' module (./fake-electron)
// that behaves like Electron (not ready at first, …) and records what the app asks. Builds the app first when
// out/ is missing or older than the sources it comes from.

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_METHODS, IPC_INVOKE_PREFIX, type ApiResponse } from '../../shared/api';
import { MENU_CHANNEL } from '../../shared/menu';
import type { WorkspaceState } from '../../shared/types';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../electron/server/static-files';
import { createFakeElectron, FakeWebContents, useFakeElectron } from './fake-electron';
import { ensureBuilt, MAIN, PRELOAD, RENDERER_HTML, ROOT } from './ensure-built';

vi.mock('electron', async () => (await import('./fake-electron')).forwardingElectronModule());

const fake = useFakeElectron(createFakeElectron({ platform: 'linux' }));
const { recorded, app: stubApp } = fake;

type Handler = (event: unknown, ...args: unknown[]) => Promise<ApiResponse<unknown>> | ApiResponse<unknown>;

function handler(method: string): Handler {
  const h = recorded.handlers.get(`${IPC_INVOKE_PREFIX}${method}`);
  if (!h) throw new Error(`no handler for ${method}`);
  return h as Handler;
}

function mainWindow() {
  const win = recorded.windows[0];
  if (!win) throw new Error('no window was created');
  return win;
}

function trustedEvent() {
  const win = mainWindow();
  return { sender: win.webContents, senderFrame: { url: 'app://renderer/index.html', parent: null } };
}

interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

function menuItems(): MenuItem[] {
  const flat: MenuItem[] = [];
  const walk = (items: MenuItem[]) =>
    items.forEach((i) => {
      flat.push(i);
      if (Array.isArray(i.submenu)) walk(i.submenu);
    });
  walk((recorded.menu as { template: MenuItem[] }).template);
  return flat;
}

beforeAll(async () => {
  ensureBuilt();
  process.argv = [process.execPath, ROOT]; // no folder on the command line: the demo folder opens
  await import(/* @vite-ignore */ MAIN);
  fake.ready();
  // The app opens the demo folder once ready; wait for that through the API itself.
  await vi.waitFor(
    async () => {
      const r = await handler('getState')(trustedEvent());
      expect(r.ok && (r.value as WorkspaceState).phase).toBe('ready');
    },
    { timeout: 30_000, interval: 100 },
  );
}, 300_000);

describe('Electron main bundle (fake electron)', () => {
  it('creates the window with the secure web preferences and our preload', () => {
    const prefs = mainWindow().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toBe(PRELOAD);
    expect(existsSync(String(prefs.preload))).toBe(true);
    expect(mainWindow().loadedUrl).toBe('app://renderer/index.html');
  });

  it('registers exactly one IPC handler per API method', () => {
    expect([...recorded.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `${IPC_INVOKE_PREFIX}${m}`).sort());
  });

  it('answers the several-folders methods (listFolders, switchFolder, closeFolder, addFolder)', async () => {
    for (const m of ['listFolders', 'switchFolder', 'closeFolder', 'addFolder'])
      expect(recorded.handlers.has(`${IPC_INVOKE_PREFIX}${m}`)).toBe(true);
    const listed = (await handler('listFolders')(trustedEvent())) as ApiResponse<{ id: string; active: boolean }[]>;
    expect(listed.ok && listed.value.filter((f) => f.active)).toHaveLength(1);
    const badId = await handler('switchFolder')(trustedEvent(), '../x');
    expect(badId).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const unknown = await handler('closeFolder')(trustedEvent(), 'ffffffffffff');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('answers a trusted call and refuses bad arguments with a validation error', async () => {
    const ok = await handler('getState')(trustedEvent());
    expect(ok).toMatchObject({ ok: true, value: { phase: 'ready', isDemo: true } });
    const bad = await handler('listSessions')(trustedEvent(), '../../etc');
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const wrongShape = await handler('setStatus')(trustedEvent(), [{ app: 'x', id: 'y' }], 'approved');
    expect(wrongShape).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('refuses calls from a foreign sender, another origin or a subframe', async () => {
    const win = mainWindow();
    const foreign = [
      { sender: new FakeWebContents(), senderFrame: { url: 'app://renderer/index.html', parent: null } },
      { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: win.webContents, senderFrame: { url: 'file:///etc/passwd', parent: null } },
      { sender: win.webContents, senderFrame: { url: 'app://renderer/index.html', parent: {} } },
      { sender: win.webContents, senderFrame: null },
    ];
    for (const event of foreign) {
      expect(await handler('getState')(event)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('forwards engine events to the window', async () => {
    await handler('refresh')(trustedEvent());
    await vi.waitFor(() => expect(mainWindow().webContents.sent.some(([c]) => c === 'msm:event')).toBe(true));
  });

  it('denies navigation, new windows and webviews in every web contents', () => {
    const contents = new FakeWebContents();
    stubApp.emit('web-contents-created', {}, contents);
    const navigate = (url: string) => {
      let prevented = false;
      contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://renderer/index.html')).toBe(false);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' } as never)).toEqual({ action: 'deny' });
    let webviewPrevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, {}, {});
    expect(webviewPrevented).toBe(true);
  });

  it('denies every permission but clipboard writing and notifications from our own page', () => {
    const ask = (permission: string, requestingUrl: string) => {
      let answer: boolean | null = null;
      recorded.permissionRequestHandler?.({}, permission, (granted: boolean) => (answer = granted), { requestingUrl });
      return answer;
    };
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'midi']) {
      expect(ask(p, 'app://renderer/index.html'), p).toBe(false);
      expect(recorded.permissionCheckHandler?.({}, p, 'app://renderer', {}), p).toBe(false);
    }
    expect(ask('clipboard-sanitized-write', 'app://renderer/index.html')).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(recorded.permissionCheckHandler?.({}, 'clipboard-sanitized-write', 'app://renderer', {})).toBe(true);
    expect(recorded.permissionCheckHandler?.({}, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    expect(recorded.devicePermissionHandler?.({})).toBe(false);
    // "New pending session" notifications (issue 6) come from our page only.
    expect(ask('notifications', 'app://renderer/index.html')).toBe(true);
    expect(ask('notifications', 'https://evil.example/')).toBe(false);
  });

  it('lets our page save its own exports (blob: downloads, with a save dialog) and refuses every other download', () => {
    const download = (url: string) => {
      let prevented = false;
      const dialogs: unknown[] = [];
      const item = {
        getURL: () => url,
        getFilename: () => 'sessions.csv',
        setSaveDialogOptions: (o: unknown) => dialogs.push(o),
      };
      recorded.sessionEvents.emit('will-download', { preventDefault: () => (prevented = true) }, item, {});
      return { prevented, dialogs };
    };
    const own = download('blob:app://renderer/6f1c0a52-8d7e-4a43-9c1e-2f0b3c4d5e6f');
    expect(own.prevented).toBe(false);
    expect(own.dialogs).toHaveLength(1);
    expect(download('https://evil.example/payload.exe').prevented).toBe(true);
    expect(download('blob:https://evil.example/6f1c0a52').prevented).toBe(true);
    expect(download('data:text/plain,hello').prevented).toBe(true);
  });

  it('serves app:// from out/renderer only, with the CSP header', async () => {
    expect(recorded.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const serve = recorded.protocolHandlers.get('app');
    expect(serve).toBeDefined();
    const page = await serve!(new Request('app://renderer/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    for (const url of [
      'app://renderer/%2e%2e/%2e%2e/package.json',
      'app://renderer/..%2fmain%2findex.js',
      'app://other/index.html',
      'app://renderer/assets/',
    ]) {
      expect((await serve!(new Request(url))).status, url).toBe(404);
    }
  });

  it('has a native menu where CmdOrCtrl+R refreshes (no page reload) and commands reach the UI', () => {
    const items = menuItems();
    expect(items.some((i) => i.role === 'reload' || i.role === 'forceReload')).toBe(false);
    const refresh = items.find((i) => i.label === 'Refresh');
    expect(refresh?.accelerator).toBe('CmdOrCtrl+R');
    for (const [label, accel] of [
      ['Open Folder…', 'CmdOrCtrl+O'],
      ['Push', 'CmdOrCtrl+Shift+P'],
      ['Find', 'CmdOrCtrl+F'],
    ]) {
      expect(items.find((i) => i.label === label)?.accelerator, label).toBe(accel);
    }
    refresh?.click?.();
    expect(mainWindow().webContents.sent.at(-1)).toEqual([MENU_CHANNEL, 'refresh']);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(true); // not packaged here
  });

  it('has Theme and Language choices in the View menu; a theme applies at once and is saved', async () => {
    const items = menuItems();
    const theme = items.find((i) => i.label === 'Theme');
    const language = items.find((i) => i.label === 'Language');
    expect(theme?.submenu?.map((i) => i.label)).toEqual(['Follow System', 'Light', 'Dark']);
    expect(language?.submenu?.map((i) => i.label)).toEqual([
      'Follow System',
      'English',
      'Français',
      'Español',
      'Português',
    ]);
    theme!.submenu!.find((i) => i.label === 'Dark')!.click!();
    const { nativeTheme } = fake;
    expect(nativeTheme.themeSource).toBe('dark');
    await vi.waitFor(() => {
      expect(JSON.parse(readFileSync(join(recorded.userData, 'settings.json'), 'utf8')).theme).toBe('dark');
    });
  });

  it('opens at the default size the first time and saves its bounds in settings.json on close', async () => {
    expect(mainWindow().options).toMatchObject({ width: 1280, height: 800 });
    mainWindow().setBounds({ x: 10, y: 20, width: 1100, height: 700 });
    mainWindow().emit('close');
    const file = join(recorded.userData, 'settings.json');
    await vi.waitFor(() => {
      expect(JSON.parse(readFileSync(file, 'utf8')).window).toEqual({
        x: 10,
        y: 20,
        width: 1100,
        height: 700,
        maximized: false,
      });
    });
  });

  it('shows the pending total as the dock / launcher badge', async () => {
    const r = await handler('getState')(trustedEvent());
    const state = (r.ok ? r.value : null) as WorkspaceState;
    const pending = state.apps.reduce((sum, a) => sum + a.counts.pending, 0);
    expect(pending).toBeGreaterThan(0);
    expect(recorded.badgeCounts.at(-1)).toBe(pending);
  });

  it('emits the scan worker as one CommonJS file and reports which path the scan took', async () => {
    const worker = readFileSync(join(ROOT, 'out', 'main', 'scan-worker.cjs'), 'utf8');
    expect(worker).toMatch(/require\(["']node:worker_threads["']\)/);
    expect(worker).not.toMatch(/^\s*(import|export)\s/m);
    expect(existsSync(join(ROOT, 'out', 'main', 'scan-worker.js'))).toBe(false);
    await vi.waitFor(() => expect(String(recorded.aboutPanel.at(-1)?.credits ?? '')).toMatch(/^Scan: /));
  });

  it('keeps a single instance and reacts to a second launch', () => {
    expect(recorded.quitCalls).toBe(0);
    expect(stubApp.listeners.has('second-instance')).toBe(true);
  });

  it('bundles the preload into one CommonJS file that requires only electron', () => {
    const code = readFileSync(PRELOAD, 'utf8');
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).toContain('exposeInMainWorld');
  });

  it('ships a renderer whose meta CSP is the same as the header', () => {
    const html = readFileSync(RENDERER_HTML, 'utf8');
    const meta = /<meta[^>]+http-equiv="Content-Security-Policy"[^>]*content="([^"]+)"/i.exec(html);
    expect(meta?.[1]?.replace(/\s+/g, ' ').trim()).toBe(CONTENT_SECURITY_POLICY);
  });
});

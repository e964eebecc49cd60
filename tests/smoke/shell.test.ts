// The desktop shell (electron/main/index.ts, from source) against a fake Electron that
// behaves like Electron where it matters (./fake-electron): not ready at first, a
// 'before-quit' that does not wait, a trash that refuses network volumes, per-OS badges.
// Every launch is a fresh module graph; a quit ends the fake process, and the data
// directory is copied at that instant — what a real process leaves on disk.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IPC_INVOKE_PREFIX, type ApiResponse } from '../../shared/api';
import type { ActionResult, FolderSummary, SessionRecord, WorkspaceState } from '../../shared/types';
import type { AuditEntry } from '../../shared/audit';
import { makeTree, type TempTree } from '../../electron/engine/testing/engine-fixtures';
import { APP_USER_MODEL_ID } from '../../electron/main/app-identity';
import {
  createFakeElectron,
  currentFake,
  snapshotDir,
  useFakeElectron,
  type FakeElectron,
  type FakeOptions,
} from './fake-electron';
import { ROOT } from './ensure-built';

vi.mock('electron', async () => (await import('./fake-electron')).forwardingElectronModule());

const trees: TempTree[] = [];
const running: FakeElectron[] = [];

afterEach(async () => {
  for (const fake of running.splice(0)) {
    if (!fake.recorded.exited) {
      fake.app.quit();
      await vi.waitFor(() => expect(fake.recorded.exited).toBe(true), { timeout: 10_000 });
    }
    fake.restorePlatform();
  }
  for (const t of trees.splice(0)) t.cleanup();
});

function tree(): TempTree {
  const t = makeTree(2, 2);
  trees.push(t);
  return t;
}

/** Loads the shell as a new process would (the app is not ready yet). */
async function launch(options: FakeOptions & { argv?: string[] } = {}): Promise<FakeElectron> {
  const fake = useFakeElectron(createFakeElectron(options));
  running.push(fake);
  process.argv = [process.execPath, ROOT, ...(options.argv ?? [])];
  vi.resetModules();
  await import('../../electron/main/index');
  return fake;
}

async function call<T>(fake: FakeElectron, method: string, ...args: unknown[]): Promise<T> {
  const h = fake.recorded.handlers.get(`${IPC_INVOKE_PREFIX}${method}`);
  if (!h) throw new Error(`no handler for ${method}`);
  const win = fake.recorded.windows[0];
  if (!win) throw new Error('no window');
  const event = { sender: win.webContents, senderFrame: { url: 'app://renderer/index.html', parent: null } };
  const r = (await h(event, ...args)) as ApiResponse<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}

/** Ready, then waits until the shell answers with a folder open. */
async function started(fake: FakeElectron, root?: string): Promise<WorkspaceState> {
  fake.ready();
  let state: WorkspaceState | null = null;
  await vi.waitFor(
    async () => {
      expect(fake.recorded.windows.length).toBeGreaterThan(0);
      state = await call<WorkspaceState>(fake, 'getState');
      expect(state.phase).toBe('ready');
      if (root) expect(state.root).toBe(root);
    },
    { timeout: 20_000, interval: 50 },
  );
  return state!;
}

/** Quits like the user (Cmd+Q / last window closed) and waits for the process to end. */
async function quit(fake: FakeElectron): Promise<void> {
  fake.app.quit();
  await vi.waitFor(() => expect(fake.recorded.exited).toBe(true), { timeout: 10_000 });
}

function seedSettings(dir: string, patch: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ version: 1, ...patch }));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

describe('the desktop shell with a fake Electron', () => {
  it('quitting with unpushed changes keeps them: the next start shows the same Push count, Activity and window place', async () => {
    const t = tree();
    let snapshot = '';
    const first = await launch({
      platform: 'darwin',
      argv: [t.root],
      onExit: (f) => (snapshot = snapshotDir(f.recorded.userData)),
    });
    await started(first, t.root);
    const sessions = await call<SessionRecord[]>(first, 'listSessions', t.apps[0]!.folder);
    const refs = sessions.map((s) => ({ app: s.app, id: s.id }));
    await call<ActionResult>(first, 'setStatus', refs, 'accepted');
    await call<ActionResult>(first, 'setEmail', [refs[0]], 'admin@example.com');
    first.recorded.windows[0]!.setBounds({ x: 40, y: 30, width: 1000, height: 700 });
    const before = await call<WorkspaceState>(first, 'getState');
    const activity = await call<AuditEntry[]>(first, 'readAuditLog', {});
    expect(before.unpushed).toBe(2);
    expect(activity.length).toBeGreaterThanOrEqual(2);
    await quit(first);

    const second = await launch({ platform: 'darwin', userData: snapshot });
    const after = await started(second, t.root);
    expect(after.unpushed).toBe(before.unpushed);
    expect((await call<AuditEntry[]>(second, 'readAuditLog', {})).map((e) => e.actionId)).toEqual(
      activity.map((e) => e.actionId),
    );
    expect(second.recorded.windows[0]!.options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700 });
  }, 60_000);

  it('restarting for a new language quits through before-quit (relaunch + quit, never exit)', async () => {
    const t = tree();
    const fake = await launch({ platform: 'win32', argv: [t.root] });
    await started(fake, t.root);
    const items: { label?: string; click?: () => void; submenu?: unknown }[] = [];
    const walk = (list: unknown) =>
      (list as typeof items).forEach((i) => (items.push(i), Array.isArray(i.submenu) && walk(i.submenu)));
    walk((fake.recorded.menu as { template: unknown }).template);
    items.find((i) => i.label === 'Français')!.click!();
    await vi.waitFor(() => expect(fake.recorded.exited).toBe(true), { timeout: 10_000 });
    expect(fake.recorded.relaunched).toBe(1);
    expect(fake.recorded.quitCalls).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(fake.recorded.userData, 'settings.json'), 'utf8')).language).toBe('fr');
  }, 30_000);

  it('deletes a session the OS trash refuses (network share) into the app trash, says where, and undoes byte for byte', async () => {
    const t = tree();
    const fake = await launch({ platform: 'win32', argv: [t.root] });
    fake.markNetworkVolume(t.root);
    await started(fake, t.root);
    const [s] = await call<SessionRecord[]>(fake, 'listSessions', t.apps[0]!.folder);
    const ref = { app: s!.app, id: s!.id };
    const file = join(t.root, ref.app, ref.id);
    const bytes = readFileSync(file);
    const result = await call<ActionResult>(fake, 'deleteSessions', [ref]);
    expect(result.failed).toEqual([]);
    expect(result.done).toEqual([ref]);
    const appTrash = join(fake.recorded.userData, 'Trash');
    expect(result.appTrash).toEqual({ folder: appTrash, count: 1 });
    const trashed = filesUnder(appTrash);
    expect(trashed).toHaveLength(1);
    expect(readFileSync(join(appTrash, trashed[0]!)).equals(bytes)).toBe(true);
    await call<ActionResult>(fake, 'undo', result.actionId);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  }, 30_000);

  it('moves a Problems file the OS trash refuses into the app trash and says where, as for sessions', async () => {
    const t = tree();
    const app = t.apps[0]!.folder;
    const bytes = Buffer.from('{"not": "a session"');
    writeFileSync(join(t.root, app, 'ABC123'), bytes); // a session name with malformed JSON: a problem
    const fake = await launch({ platform: 'win32', argv: [t.root] });
    fake.markNetworkVolume(t.root);
    await started(fake, t.root);
    const ref = { app, file: 'ABC123' };
    const result = await call<ActionResult>(fake, 'trashProblems', [ref]);
    expect(result.failed).toEqual([]);
    const appTrash = join(fake.recorded.userData, 'Trash');
    expect(result.appTrash).toEqual({ folder: appTrash, count: 1 });
    await call<ActionResult>(fake, 'undo', result.actionId);
    expect(readFileSync(join(t.root, app, 'ABC123')).equals(bytes)).toBe(true);
  }, 30_000);

  it('still uses the OS trash where it works, and says nothing then', async () => {
    const t = tree();
    const fake = await launch({ platform: 'darwin', argv: [t.root] });
    await started(fake, t.root);
    const [s] = await call<SessionRecord[]>(fake, 'listSessions', t.apps[0]!.folder);
    const result = await call<ActionResult>(fake, 'deleteSessions', [{ app: s!.app, id: s!.id }]);
    expect(result.appTrash).toBeUndefined();
    expect(fake.recorded.trashed).toEqual([join(t.root, s!.app, s!.id)]);
  }, 30_000);

  it('Windows: sets the AppUserModelID and shows the pending count as a taskbar overlay (setBadgeCount does nothing there)', async () => {
    const t = tree();
    const fake = await launch({ platform: 'win32', argv: [t.root] });
    const state = await started(fake, t.root);
    expect(fake.recorded.appUserModelId).toBe(APP_USER_MODEL_ID);
    const pending = state.apps.reduce((n, a) => n + a.counts.pending, 0);
    expect(pending).toBeGreaterThan(0);
    await vi.waitFor(() => expect(fake.recorded.overlays.at(-1)?.description).toContain(String(pending)));
    expect(fake.recorded.overlays.at(-1)?.image).toBeTruthy();
    expect(fake.recorded.badgeCounts).toEqual([]);
  }, 30_000);

  it('requests that arrive before ready or during start-up wait for it: one window, restored, every folder opened', async () => {
    const [a, b] = [tree(), tree()];
    const userData = join(a.base, 'userData');
    seedSettings(userData, { window: { x: 50, y: 60, width: 1100, height: 700, maximized: false } });
    const fake = await launch({ platform: 'darwin', userData });
    fake.openFile(a.root); // dropped on the Dock while launching
    fake.ready();
    fake.secondInstance([process.execPath, b.root]); // while start() awaits the settings
    fake.activate();
    await vi.waitFor(
      async () => {
        const roots = (await call<FolderSummary[]>(fake, 'listFolders')).map((f) => f.root);
        expect(roots).toEqual(expect.arrayContaining([a.root, b.root]));
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(fake.recorded.windows).toHaveLength(1);
    expect(fake.recorded.windows[0]!.options).toMatchObject({ x: 50, y: 60, width: 1100, height: 700 });
  }, 30_000);

  it('restores the window clamped into the work area of its display (title bar reachable)', async () => {
    const t = tree();
    const userData = join(t.base, 'userData');
    seedSettings(userData, { window: { x: 1820, y: 980, width: 1200, height: 800, maximized: false } });
    const fake = await launch({
      platform: 'win32',
      userData,
      argv: [t.root],
      displays: [{ x: 0, y: 0, width: 1920, height: 1040 }],
    });
    await started(fake, t.root);
    expect(fake.recorded.windows[0]!.options).toMatchObject({ x: 720, y: 240, width: 1200, height: 800 });
  }, 30_000);

  it('stores the push secret with the async safeStorage API and shows the settings without decrypting', async () => {
    const t = tree();
    const fake = await launch({ platform: 'darwin', argv: [t.root], keychain: true });
    await started(fake, t.root);
    const decrypt = vi.spyOn(currentFake().safeStorage, 'decryptStringAsync');
    const view = await call<{ hasSecret: boolean }>(fake, 'setPushSettings', {
      url: 'http://127.0.0.1:9/4DACTION/x',
      timeoutMs: 2000,
      secret: 'k3y',
    });
    expect(view.hasSecret).toBe(true);
    expect(await call(fake, 'getPushSettings')).toMatchObject({ hasSecret: true, secretSource: 'keychain' });
    expect(decrypt).not.toHaveBeenCalled();
    const stored = JSON.parse(readFileSync(join(fake.recorded.userData, 'settings.json'), 'utf8')).push[t.root].secret;
    expect(Buffer.from(stored.data, 'base64').toString()).toBe('sealed:k3y');
  }, 30_000);
});

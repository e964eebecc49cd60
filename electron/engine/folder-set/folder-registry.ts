// The open folders: one Workspace each, in the order they were opened, one of
// them active. Opens, restores, switches and closes them; turns their events
// into the set's events (the active folder's in full, 'new-pending' from every
// folder tagged with its id, one coalesced 'folders' summary); checks each root
// on a timer and after its events, showing an unreachable root as an error for
// that folder only and reopening it once it is back. Nothing one folder does (a
// failed open, a hung share) blocks or fails another.

import { resolve } from 'node:path';
import { ApiError, toErrorInfo } from '../../../shared/api-error';
import type { EngineEvent, FolderSummary, WatchPreference, WorkspaceState } from '../../../shared/types';
import { memoryWatchPreferences, type WatchPreferences } from '../settings/watch-preferences';
import { resolveMobileAppsRoot } from '../folder/root';
import { Workspace, type WorkspaceHost } from '../folder/workspace';
import { DEMO_FOLDER_ID, folderIdOf } from './folder-identity';
import { folderSummary, patchedState, pendingOf, type FolderEntry } from './folder-entry';
import { reachability } from './reachability';

export interface FolderRegistryHost extends WorkspaceHost {
  /** The open folders changed (added, closed, switched): the desktop remembers them. Demo excluded. */
  onFoldersChanged?: (folders: string[], active: string | null) => void;
  /** How often every open root is checked for reachability; 0 turns the timer off (default 5 s). */
  healthIntervalMs?: number;
  /** A root that does not answer a stat within this long counts as unreachable (default 10 s). */
  healthTimeoutMs?: number;
  /** Each folder's Auto / Native / Polling choice (desktop and browser mode: settings.json); default: kept in memory. */
  watchPreferences?: WatchPreferences;
}

export class FolderRegistry {
  readonly entries: FolderEntry[] = [];
  active: FolderEntry | null = null;
  /** Answers while nothing is open: phase 'none', every folder method "no-folder". */
  readonly blank: Workspace;
  private foldersQueued = false;
  private lastFolders = '';
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly preferences: WatchPreferences;

  constructor(
    private readonly host: FolderRegistryHost,
    private readonly emit: (event: EngineEvent) => void,
  ) {
    this.preferences = host.watchPreferences ?? memoryWatchPreferences();
    this.blank = this.newWorkspace();
    const every = host.healthIntervalMs ?? 5000;
    if (every > 0) {
      this.timer = setInterval(() => void this.checkHealth(), every);
      this.timer.unref();
    }
  }

  /** The active folder's workspace (the blank one when none is). */
  get ws(): Workspace {
    return this.active?.ws ?? this.blank;
  }

  find(id: string): FolderEntry {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) throw new ApiError('not-found', `No open folder has the id "${id}" (it may have been closed).`);
    return entry;
  }

  // ---- events -----------------------------------------------------------------------------

  private onWorkspaceEvent(entry: FolderEntry, event: EngineEvent): void {
    if (!this.entries.includes(entry)) return;
    let summaryChanged = false;
    if (event.type === 'state') {
      this.adopt(entry, event.state);
    } else if (event.type === 'apps') {
      entry.pending = pendingOf(event.apps);
      summaryChanged = true;
    } else if (event.type === 'unpushed') {
      entry.unpushed = event.count;
      summaryChanged = true;
    } else if (event.type === 'sessions' && entry.phase === 'ready') {
      // Files vanishing may be the whole share going away: check this root now.
      if (event.removed.length > 0) void this.checkEntry(entry);
    }
    if (event.type === 'new-pending') {
      // Every folder's: notifications and the approval inbox span all open folders.
      this.emit({ type: 'new-pending', sessions: event.sessions.map((r) => ({ ...r, folder: entry.id })) });
    } else if (entry === this.active) {
      this.emit(event.type === 'state' ? { type: 'state', state: this.patched(entry, event.state) } : event);
    }
    if (summaryChanged) this.queueFolders();
  }

  /** Takes a folder's summary fields from its state and queues a 'folders' event. */
  private adopt(entry: FolderEntry, s: WorkspaceState): void {
    Object.assign(entry, {
      root: s.root,
      phase: s.phase,
      error: s.error,
      unpushed: s.unpushed,
      pending: pendingOf(s.apps),
    });
    if (s.watch) entry.watch = s.watch;
    this.queueFolders();
  }

  /** One 'folders' event per turn of the event loop at most, and only when something shown changed. */
  queueFolders(): void {
    if (this.foldersQueued || this.closed) return;
    this.foldersQueued = true;
    setImmediate(() => {
      this.foldersQueued = false;
      const folders = this.summaries();
      const text = JSON.stringify(folders);
      if (text === this.lastFolders) return;
      this.lastFolders = text;
      this.emit({ type: 'folders', folders });
    });
  }

  summaries(): FolderSummary[] {
    return this.entries.map((e) => folderSummary(e, e === this.active, this.host.watchMode ?? 'native'));
  }

  /** See folder-entry.ts: an unreachable root shows as an error, a folder being opened as scanning. */
  patched(entry: FolderEntry, state: WorkspaceState): WorkspaceState {
    return patchedState(entry, state);
  }

  // ---- folders ------------------------------------------------------------------------------

  /** chooseFolder is the set's business; onFolderOpened reaches the host for the folder shown only. */
  private newWorkspace(onFolderOpened?: WorkspaceHost['onFolderOpened']): Workspace {
    const watchPreference = (root: string) => this.preferences.get(root);
    return new Workspace({ ...this.host, chooseFolder: undefined, onFolderOpened, watchPreference });
  }

  private createEntry(id: string, dir: string | null, index = this.entries.length): FolderEntry {
    // The shell remembers the last folder opened: a folder reopened in the background
    // (start-up, a share coming back) must not take the place of the one shown.
    const ws = this.newWorkspace((root, isDemo) => {
      if (this.active === entry) this.host.onFolderOpened?.(root, isDemo);
    });
    const entry: FolderEntry = {
      id,
      dir,
      ws,
      off: () => {},
      isDemo: dir === null,
      root: dir,
      phase: 'none',
      error: null,
      pending: 0,
      unpushed: 0,
      health: null,
      checking: false,
      reopening: false,
      watch: null,
    };
    entry.off = ws.onEvent((e) => this.onWorkspaceEvent(entry, e));
    this.entries.splice(index, 0, entry);
    return entry;
  }

  async activate(entry: FolderEntry): Promise<WorkspaceState> {
    this.active = entry;
    const state = this.patched(entry, await entry.ws.getState());
    if (this.active === entry) this.emit({ type: 'state', state });
    this.queueFolders();
    this.notifyFoldersChanged();
    return state;
  }

  notifyFoldersChanged(): void {
    const dirs = this.entries.filter((e) => !e.isDemo).map((e) => e.dir as string);
    const active = this.active && !this.active.isDemo ? this.active.dir : null;
    try {
      this.host.onFoldersChanged?.(dirs, active);
    } catch (err) {
      console.error('Could not remember the open folders:', err);
    }
  }

  /** The real MobileApps path when it can be resolved now, else the absolute path as given. */
  private async keyOf(dir: string): Promise<string> {
    try {
      return await resolveMobileAppsRoot(dir);
    } catch {
      return resolve(dir);
    }
  }

  /** Opens (or reopens) an entry's folder; a failure leaves it in its error phase. */
  async openEntry(entry: FolderEntry): Promise<WorkspaceState> {
    entry.health = null;
    let state: WorkspaceState;
    try {
      state = entry.dir === null ? await entry.ws.openDemo() : await entry.ws.open(entry.dir);
    } catch (err) {
      this.adopt(entry, await entry.ws.getState()); // its error shows at once, not after the next batch
      throw err;
    }
    this.adopt(entry, state);
    if (entry.dir !== null && state.root && state.phase !== 'error') {
      entry.dir = state.root; // remember the real path, and key the folder by it
      const id = folderIdOf(state.root);
      if (id !== entry.id && !this.entries.some((e) => e.id === id)) entry.id = id;
    }
    this.notifyFoldersChanged();
    return this.patched(entry, state);
  }

  /**
   * Adds a folder (or switches to it when it is already open) and makes it active.
   * Throws like Workspace.open when it cannot be opened; the folder then stays in the
   * list with its error, so the user sees which share failed.
   */
  async add(dir: string): Promise<WorkspaceState> {
    const key = await this.keyOf(dir);
    const id = folderIdOf(key);
    const existing = this.entries.find((e) => e.id === id);
    if (existing) {
      if (existing.phase === 'error' && !existing.reopening) {
        await this.activate(existing);
        return this.openEntry(existing);
      }
      return this.activate(existing);
    }
    const entry = this.createEntry(id, key);
    await this.activate(entry);
    return this.openEntry(entry);
  }

  /**
   * Reopens remembered folders (start-up): listed at once in their order, the `active` one
   * shown first, all opened side by side so a hung share never holds up the others.
   * Resolves when every one has opened or failed; failures stay listed with their error.
   */
  async restore(dirs: string[], active: string | null): Promise<void> {
    const created: FolderEntry[] = [];
    for (const dir of dirs) {
      const key = resolve(dir);
      const id = folderIdOf(key);
      if (this.entries.some((e) => e.id === id)) continue;
      created.push(this.createEntry(id, key));
    }
    const shown = created.find((e) => active !== null && e.dir === resolve(active)) ?? created[0];
    if (shown) await this.activate(shown);
    await Promise.allSettled(created.map((e) => this.openEntry(e)));
  }

  /** Replaces the active folder with `dir` (Workspace.open's meaning); switches when `dir` is already open. */
  async open(dir: string): Promise<WorkspaceState> {
    const key = await this.keyOf(dir);
    const id = folderIdOf(key);
    const replaced = this.active;
    if (!replaced || this.entries.some((e) => e.id === id)) return this.add(dir);
    const index = this.entries.indexOf(replaced);
    this.removeEntry(replaced);
    const entry = this.createEntry(id, key, index);
    await this.activate(entry);
    return this.openEntry(entry);
  }

  /** Adds the demo folder (or switches to it) and makes it active. */
  async openDemo(): Promise<WorkspaceState> {
    const existing = this.entries.find((e) => e.isDemo);
    if (existing) {
      await this.activate(existing);
      return existing.phase === 'ready' || existing.phase === 'scanning'
        ? this.patched(existing, await existing.ws.getState())
        : this.openEntry(existing);
    }
    const entry = this.createEntry(DEMO_FOLDER_ID, null);
    await this.activate(entry);
    return this.openEntry(entry);
  }

  private removeEntry(entry: FolderEntry): void {
    const i = this.entries.indexOf(entry);
    if (i >= 0) this.entries.splice(i, 1);
    entry.off();
    void entry.ws.close().catch((err: unknown) => console.error('Closing a folder failed:', err));
    if (this.active === entry) this.active = null;
  }

  async closeFolder(id: string): Promise<FolderSummary[]> {
    const entry = this.find(id);
    const index = this.entries.indexOf(entry);
    const wasActive = entry === this.active;
    this.removeEntry(entry);
    if (this.entries.length === 0) {
      await this.openDemo(); // never nothing: the demo takes the last folder's place
    } else if (wasActive) {
      await this.activate(this.entries[Math.max(0, index - 1)] as FolderEntry);
    } else {
      this.queueFolders();
      this.notifyFoldersChanged();
    }
    return this.summaries();
  }

  /** Remembers a folder's Auto / Native / Polling choice and replaces its watcher accordingly. */
  async setWatchMode(id: string, mode: WatchPreference): Promise<FolderSummary[]> {
    const entry = this.find(id);
    const root = entry.root ?? entry.dir;
    if (root === null) throw new ApiError('no-folder', 'This folder has not been opened yet.');
    await this.preferences.set(root, mode);
    this.adopt(entry, await entry.ws.applyWatchPreference());
    if (entry === this.active) this.emit({ type: 'state', state: this.patched(entry, await entry.ws.getState()) });
    return this.summaries();
  }

  // ---- reachability ---------------------------------------------------------------------------

  /** Checks every open root now (the timer calls this too); resolves when all checks are done. */
  async checkHealth(): Promise<void> {
    await Promise.all(this.entries.map((e) => this.checkEntry(e)));
  }

  private async checkEntry(entry: FolderEntry): Promise<void> {
    // Only folders that were opened have a root to lose; a failed open shows its own error.
    if (entry.checking || entry.reopening || !entry.root || (entry.phase !== 'ready' && !entry.health)) return;
    entry.checking = true;
    let problem: string | null;
    try {
      problem = await reachability(entry.root, this.host.healthTimeoutMs ?? 10_000);
    } finally {
      entry.checking = false;
    }
    if (!this.entries.includes(entry) || problem === entry.health) return;
    if (problem) {
      entry.health = problem;
      this.healthChanged(entry);
    } else {
      await this.reopen(entry); // back: watchers died with the old folder, so start afresh
    }
  }

  private async reopen(entry: FolderEntry): Promise<void> {
    entry.reopening = true;
    try {
      await this.openEntry(entry);
    } catch (err) {
      entry.health = toErrorInfo(err).message;
    } finally {
      entry.reopening = false;
    }
    this.healthChanged(entry);
  }

  healthChanged(entry: FolderEntry): void {
    this.queueFolders();
    if (entry !== this.active) return;
    void entry.ws.getState().then((state) => {
      if (this.active === entry) this.emit({ type: 'state', state: this.patched(entry, state) });
    });
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const all = this.entries.splice(0);
    this.active = null;
    for (const e of all) e.off();
    await Promise.all([...all.map((e) => e.ws.close()), this.blank.close()]);
  }
}

// Several MobileApps folders open at once (for example one network share per
// 4D Server): one Workspace per folder, each with its own watcher, unpushed
// changes and push settings (push settings are keyed by root already). Every
// SessionApi method acts on the ACTIVE folder, except the approval inbox's:
// listPending spans every open folder (records tagged with `folder`), and the
// session actions route refs that name a `folder` to that folder (one undo id
// for the whole action). The FolderApi methods list, add, switch and close
// folders. Plain Node, like Workspace.
//
// Events: the active workspace's events are forwarded in full, 'new-pending'
// from every folder (tagged with `folder`); every workspace also feeds a
// coalesced 'folders' event (phase, pending, unpushed, error).
// A share can vanish after it was opened (unmounted, root deleted) without the
// Workspace noticing (its watcher just goes quiet), so the set checks each root
// on a timer and after its events: an unreachable root is shown as an error
// for that folder only, and reopened once it is back. Nothing one folder does
// (a failed open, a hung share) blocks or fails another.

import { createHash, randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { ApiError, toErrorInfo } from '../../shared/api-error';
import type { SessionClient } from '../../shared/api';
import type {
  ActionFailure,
  ActionResult,
  EngineEvent,
  FolderSummary,
  PreflightReport,
  PushResult,
  PushSettingsInput,
  PushSettingsView,
  RevealResult,
  SessionDetail,
  SessionRecord,
  SessionRef,
  SessionStatus,
  WorkspacePhase,
  WorkspaceState,
} from '../../shared/types';
import type { AuditEntry, AuditQuery } from '../../shared/audit';
import { AuditLog } from './audit-log';
import { mergeFolderPending } from './folder-pending-merge';
import { resolveMobileAppsRoot } from './root';
import { folderTrash } from './session-delete';
import { UnpushedStore } from './unpushed-store';
import { Workspace, type WorkspaceHost } from './workspace';

export const DEMO_FOLDER_ID = 'demo';

/** Actions across folders remembered for undo (each folder keeps its own 200 too). */
const MAX_CROSS_UNDO = 200;

/** One folder's share of an action across folders: what undo() hands back to that folder. */
interface FolderPart {
  entry: Entry;
  actionId: string;
  done: SessionRef[];
}

export interface WorkspaceSetHost extends WorkspaceHost {
  /** The open folders changed (added, closed, switched): the desktop remembers them. Demo excluded. */
  onFoldersChanged?: (folders: string[], active: string | null) => void;
  /** How often every open root is checked for reachability; 0 turns the timer off (default 5 s). */
  healthIntervalMs?: number;
  /** A root that does not answer a stat within this long counts as unreachable (default 10 s). */
  healthTimeoutMs?: number;
}

interface Entry {
  id: string;
  /** What to reopen: the folder as asked, or null for the demo. */
  dir: string | null;
  ws: Workspace;
  off: () => void;
  isDemo: boolean;
  root: string | null;
  phase: WorkspacePhase;
  error: string | null;
  pending: number;
  unpushed: number;
  /** Set while the opened root is unreachable (share gone, folder deleted). */
  health: string | null;
  checking: boolean;
  reopening: boolean;
}

/** A short stable id for a folder: 12 hex digits of the SHA-256 of its real path. */
export function folderIdOf(realRoot: string): string {
  return createHash('sha256').update(realRoot).digest('hex').slice(0, 12);
}

/** The name shown in the folder list: the folder holding MobileApps, with its parent when it is a generic "Data". */
export function folderLabel(root: string | null, isDemo: boolean): string {
  if (isDemo) return 'Demo';
  if (!root) return '';
  const parts = root.split(/[\\/]+/).filter(Boolean);
  if (parts.length > 1 && parts.at(-1)?.toLowerCase() === 'mobileapps') parts.pop();
  const last = parts.at(-1) ?? root;
  const parent = parts.at(-2);
  return parent && /^data$/i.test(last) ? `${parent}${sep}${last}` : last;
}

export class WorkspaceSet implements SessionClient {
  private readonly host: WorkspaceSetHost;
  private readonly shared: Pick<WorkspaceHost, 'audit' | 'unpushed' | 'trash'>;
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private readonly entries: Entry[] = [];
  private active: Entry | null = null;
  /** Answers while nothing is open: phase 'none', every folder method "no-folder". */
  private readonly blank: Workspace;
  private foldersQueued = false;
  private lastFolders = '';
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Action ids given out for refs that named their folder, mapped to each folder's own action id. */
  private readonly crossUndo = new Map<string, FolderPart[]>();

  constructor(host: WorkspaceSetHost) {
    this.host = host;
    // One audit log, one unpushed file and one trash for all folders: separate instances
    // on the same files would overwrite each other.
    this.shared = {
      audit: host.audit ?? new AuditLog(host.dataDir, { source: host.platform === 'browser' ? 'browser' : 'app' }),
      unpushed: host.unpushed ?? new UnpushedStore(host.dataDir),
      trash: host.trash ?? folderTrash(join(host.dataDir, 'Trash')),
    };
    this.blank = this.newWorkspace();
    const every = host.healthIntervalMs ?? 5000;
    if (every > 0) {
      this.timer = setInterval(() => void this.checkHealth(), every);
      this.timer.unref();
    }
  }

  // ---- events ----------------------------------------------------------------------------

  onEvent(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: EngineEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        console.error('An engine event listener failed:', err);
      }
    }
  }

  private onWorkspaceEvent(entry: Entry, event: EngineEvent): void {
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
  private adopt(entry: Entry, s: WorkspaceState): void {
    Object.assign(entry, { root: s.root, phase: s.phase, error: s.error, unpushed: s.unpushed, pending: pendingOf(s.apps) });
    this.queueFolders();
  }

  /** One 'folders' event per turn of the event loop at most, and only when something shown changed. */
  private queueFolders(): void {
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

  private summaries(): FolderSummary[] {
    return this.entries.map((e) => ({
      id: e.id,
      root: e.root ?? e.dir,
      label: folderLabel(e.root ?? e.dir, e.isDemo),
      isDemo: e.isDemo,
      phase: e.health ? 'error' : e.phase,
      error: e.health ?? e.error,
      pending: e.pending,
      unpushed: e.unpushed,
      active: e === this.active,
      watchMode: this.host.watchMode ?? 'native',
    }));
  }

  /**
   * The workspace's own state, shown as an error while its root is unreachable, and as
   * "scanning" (not "no folder") in the moment between a folder's activation and its open.
   */
  private patched(entry: Entry, state: WorkspaceState): WorkspaceState {
    if (entry.health) return { ...state, phase: 'error', error: entry.health };
    if (state.phase === 'none') return { ...state, phase: 'scanning', root: entry.dir, isDemo: entry.isDemo };
    return state;
  }

  // ---- folders -------------------------------------------------------------------------------

  /** chooseFolder is the set's business; onFolderOpened reaches the host for the folder shown only. */
  private newWorkspace(onFolderOpened?: WorkspaceHost['onFolderOpened']): Workspace {
    return new Workspace({ ...this.host, ...this.shared, chooseFolder: undefined, onFolderOpened });
  }

  private createEntry(id: string, dir: string | null, index = this.entries.length): Entry {
    // The shell remembers the last folder opened: a folder reopened in the background
    // (start-up, a share coming back) must not take the place of the one shown.
    const ws = this.newWorkspace((root, isDemo) => {
      if (this.active === entry) this.host.onFolderOpened?.(root, isDemo);
    });
    const entry: Entry = {
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
    };
    entry.off = ws.onEvent((e) => this.onWorkspaceEvent(entry, e));
    this.entries.splice(index, 0, entry);
    return entry;
  }

  private async activate(entry: Entry): Promise<WorkspaceState> {
    this.active = entry;
    const state = this.patched(entry, await entry.ws.getState());
    if (this.active === entry) this.emit({ type: 'state', state });
    this.queueFolders();
    this.notifyFoldersChanged();
    return state;
  }

  private notifyFoldersChanged(): void {
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

  private find(id: string): Entry {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) throw new ApiError('not-found', `No open folder has the id "${id}" (it may have been closed).`);
    return entry;
  }

  /** Opens (or reopens) an entry's folder; a failure leaves it in its error phase. */
  private async openEntry(entry: Entry): Promise<WorkspaceState> {
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
    const created: Entry[] = [];
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
      return existing.phase === 'ready' || existing.phase === 'scanning' ? this.patched(existing, await existing.ws.getState()) : this.openEntry(existing);
    }
    const entry = this.createEntry(DEMO_FOLDER_ID, null);
    await this.activate(entry);
    return this.openEntry(entry);
  }

  private removeEntry(entry: Entry): void {
    const i = this.entries.indexOf(entry);
    if (i >= 0) this.entries.splice(i, 1);
    entry.off();
    void entry.ws.close().catch((err: unknown) => console.error('Closing a folder failed:', err));
    if (this.active === entry) this.active = null;
  }

  async listFolders(): Promise<FolderSummary[]> {
    return this.summaries();
  }

  async switchFolder(id: string): Promise<WorkspaceState> {
    return this.activate(this.find(id));
  }

  async closeFolder(id: string): Promise<FolderSummary[]> {
    const entry = this.find(id);
    const index = this.entries.indexOf(entry);
    const wasActive = entry === this.active;
    this.removeEntry(entry);
    if (this.entries.length === 0) {
      await this.openDemo(); // never nothing: the demo takes the last folder's place
    } else if (wasActive) {
      await this.activate(this.entries[Math.max(0, index - 1)] as Entry);
    } else {
      this.queueFolders();
      this.notifyFoldersChanged();
    }
    return this.summaries();
  }

  async addFolder(): Promise<WorkspaceState | null> {
    const dir = await this.pickFolder();
    return dir === null ? null : this.add(dir);
  }

  async chooseFolder(): Promise<WorkspaceState | null> {
    const dir = await this.pickFolder();
    return dir === null ? null : this.open(dir);
  }

  private async pickFolder(): Promise<string | null> {
    if (!this.host.chooseFolder) {
      throw new ApiError(
        'unsupported',
        'Choosing a folder is only available in the desktop app; start the browser mode with the folder path (--dir, once per folder).',
      );
    }
    return this.host.chooseFolder();
  }

  // ---- reachability ---------------------------------------------------------------------------

  /** Checks every open root now (the timer calls this too); resolves when all checks are done. */
  async checkHealth(): Promise<void> {
    await Promise.all(this.entries.map((e) => this.checkEntry(e)));
  }

  private async checkEntry(entry: Entry): Promise<void> {
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

  private async reopen(entry: Entry): Promise<void> {
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

  private healthChanged(entry: Entry): void {
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

  // ---- the active folder's API ---------------------------------------------------------------------

  private get ws(): Workspace {
    return this.active?.ws ?? this.blank;
  }

  async getState(): Promise<WorkspaceState> {
    const entry = this.active;
    return entry ? this.patched(entry, await entry.ws.getState()) : this.blank.getState();
  }

  /** Rescans the active folder; one that failed or went away is opened again instead. */
  async refresh(): Promise<WorkspaceState> {
    const entry = this.active;
    if (!entry) return this.blank.refresh();
    if (entry.health || entry.phase === 'error' || entry.phase === 'none') {
      try {
        return await this.openEntry(entry);
      } finally {
        this.healthChanged(entry);
      }
    }
    return entry.ws.refresh();
  }

  listSessions(app: string): Promise<SessionRecord[]> {
    return this.ws.listSessions(app);
  }
  getSession(ref: SessionRef): Promise<SessionDetail> {
    return this.wsOf(ref).getSession(bare(ref));
  }
  setStatus(refs: SessionRef[], status: SessionStatus): Promise<ActionResult> {
    return this.acrossFolders(refs, (ws, list) => ws.setStatus(list, status));
  }
  setEmail(refs: SessionRef[], email: string): Promise<ActionResult> {
    return this.acrossFolders(refs, (ws, list) => ws.setEmail(list, email));
  }
  deleteSessions(refs: SessionRef[]): Promise<ActionResult> {
    return this.acrossFolders(refs, (ws, list) => ws.deleteSessions(list));
  }
  undo(actionId: string): Promise<ActionResult> {
    const parts = this.crossUndo.get(actionId);
    if (!parts) return this.ws.undo(actionId);
    this.crossUndo.delete(actionId);
    return this.undoParts(parts);
  }
  reveal(ref: SessionRef): Promise<RevealResult> {
    return this.wsOf(ref).reveal(bare(ref));
  }
  preflight(): Promise<PreflightReport> {
    return this.ws.preflight();
  }
  push(): Promise<PushResult> {
    return this.ws.push();
  }
  testConnection(): Promise<PushResult> {
    return this.ws.testConnection();
  }
  getPushSettings(): Promise<PushSettingsView> {
    return this.ws.getPushSettings();
  }
  setPushSettings(input: PushSettingsInput): Promise<PushSettingsView> {
    return this.ws.setPushSettings(input);
  }
  readAuditLog(query: AuditQuery): Promise<AuditEntry[]> {
    return this.ws.readAuditLog(query);
  }
  /**
   * Every open, healthy folder's pending sessions, each tagged with its folder id, newest
   * first. A folder that fails to answer is left out; the others still show.
   */
  async listPending(): Promise<SessionRecord[]> {
    const healthy = this.entries.filter((e) => e.phase === 'ready' && !e.health);
    if (healthy.length === 0) return this.ws.listPending();
    const lists = await Promise.all(
      healthy.map(async (e) => {
        try {
          return { folder: e.id, records: await e.ws.listPending() };
        } catch (err) {
          console.error(`Could not list the pending sessions of ${e.root ?? e.id}:`, err);
          return { folder: e.id, records: [] };
        }
      }),
    );
    return mergeFolderPending(lists);
  }

  // ---- actions across folders ----------------------------------------------------------------------

  /** The workspace a single ref names (the active one when it names none); unknown ids throw not-found. */
  private wsOf(ref: SessionRef): Workspace {
    return ref.folder === undefined ? this.ws : this.find(ref.folder).ws;
  }

  /**
   * Runs an action on refs that may name their folder: grouped by folder, each folder's
   * Workspace gets its refs without the folder, the results are merged (refs tagged with
   * their folder) and one action id is returned that undo() maps back to every folder's own.
   * Refs naming no folder at all keep the single-folder path unchanged.
   */
  private async acrossFolders(refs: SessionRef[], run: (ws: Workspace, refs: SessionRef[]) => Promise<ActionResult>): Promise<ActionResult> {
    if (refs.every((r) => r.folder === undefined)) return run(this.ws, refs);
    const groups = new Map<Entry, SessionRef[]>();
    const failed: ActionFailure[] = [];
    for (const ref of refs) {
      const id = ref.folder ?? this.active?.id;
      const entry = id === undefined ? undefined : this.entries.find((e) => e.id === id);
      if (!entry) {
        const message = `No open folder has the id "${id ?? ''}" (it may have been closed); session ${ref.app}/${ref.id} was not changed.`;
        failed.push({ ref, error: { code: id === undefined ? 'no-folder' : 'not-found', message } });
        continue;
      }
      const list = groups.get(entry) ?? [];
      list.push(bare(ref));
      groups.set(entry, list);
    }
    const done: SessionRef[] = [];
    const parts: FolderPart[] = [];
    await Promise.all(
      [...groups].map(async ([entry, list]) => {
        const tag = (r: SessionRef): SessionRef => ({ ...bare(r), folder: entry.id });
        try {
          const result = await run(entry.ws, list);
          const mine = result.done.map(tag);
          done.push(...mine);
          failed.push(...result.failed.map((f) => ({ ref: tag(f.ref), error: f.error })));
          if (result.actionId !== null) parts.push({ entry, actionId: result.actionId, done: mine });
        } catch (err) {
          const error = toErrorInfo(err); // this folder failed as a whole (e.g. its share is gone)
          failed.push(...list.map((r) => ({ ref: tag(r), error })));
        }
      }),
    );
    return { actionId: this.rememberParts(parts), done, failed };
  }

  private rememberParts(parts: FolderPart[]): string | null {
    if (parts.length === 0) return null;
    const actionId = randomUUID();
    this.crossUndo.set(actionId, parts);
    if (this.crossUndo.size > MAX_CROSS_UNDO) this.crossUndo.delete(this.crossUndo.keys().next().value as string);
    return actionId;
  }

  /** Undoes each folder's share; a folder closed since (or failing) reports its refs as failed. */
  private async undoParts(parts: FolderPart[]): Promise<ActionResult> {
    const done: SessionRef[] = [];
    const failed: ActionFailure[] = [];
    await Promise.all(
      parts.map(async ({ entry, actionId, done: refs }) => {
        const tag = (r: SessionRef): SessionRef => ({ ...bare(r), folder: entry.id });
        try {
          if (!this.entries.includes(entry)) throw new ApiError('not-found', `The folder ${entry.root ?? entry.id} was closed; its changes cannot be undone.`);
          const result = await entry.ws.undo(actionId);
          done.push(...result.done.map(tag));
          failed.push(...result.failed.map((f) => ({ ref: tag(f.ref), error: f.error })));
        } catch (err) {
          const error = toErrorInfo(err);
          failed.push(...refs.map((ref) => ({ ref, error })));
        }
      }),
    );
    return { actionId: null, done, failed };
  }
}

/** A ref as a single folder's Workspace knows it: app and id only. */
function bare(ref: SessionRef): SessionRef {
  return { app: ref.app, id: ref.id };
}

function pendingOf(apps: WorkspaceState['apps']): number {
  return apps.reduce((n, a) => n + a.counts.pending, 0);
}

/** Null when the root answers as a folder; else why not. A hung share counts as unreachable. */
async function reachability(root: string, timeoutMs: number): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((done) => {
    timer = setTimeout(() => done(`The folder ${root} does not respond (no answer within ${Math.round(timeoutMs / 1000)} s).`), timeoutMs);
    timer.unref();
  });
  const check = stat(root).then(
    (st) => (st.isDirectory() ? null : `${root} is no longer a folder.`),
    (err: unknown) => {
      const code = (err as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return `The folder ${root} is no longer there (share disconnected or folder removed).`;
      return `The folder ${root} cannot be reached (${String(code ?? err)}).`;
    },
  );
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}


// Several MobileApps folders open at once (for example one network share per
// 4D Server): a FolderRegistry of Workspaces, each with its own watcher and push
// settings, sharing one audit log, one unpushed file and one trash. Every
// SessionApi method is routed by ONE table (ROUTES, over API_METHODS): to the
// ACTIVE folder, to the folder a ref names, across the folders the refs name (one
// undo id for the whole action), or to the set itself (state, refresh, undo, the
// approval inbox spanning every folder, and the FolderApi: list, add, switch,
// close). Plain Node, like Workspace.

import { ApiError } from '../../../shared/api-error';
import { API_METHODS, type ApiMethod, type ClientApi, type SessionClient } from '../../../shared/api';
import type {
  ActionResult,
  EngineEvent,
  FolderSummary,
  SessionRecord,
  SessionRef,
  SessionSearchResult,
  WatchPreference,
  WorkspaceState,
} from '../../../shared/types';
import { AuditLog } from '../audit/audit-log';
import { folderTrash } from '../edit/session-delete';
import { auditSource, type Workspace } from '../folder/workspace';
import { trashDir } from '../paths';
import { UnpushedStore } from '../push/unpushed-store';
import { bare, CrossFolderActions } from './cross-folder-actions';
import { mergeFolderPending } from './folder-pending-merge';
import { mergeSearchResults } from '../folder/session-search';
import { FolderRegistry, type FolderRegistryHost } from './folder-registry';
import { EngineListeners } from '../folder/engine-listeners';

export { DEMO_FOLDER_ID, folderIdOf, folderLabel } from './folder-identity';
export type WorkspaceSetHost = FolderRegistryHost;

/**
 * Where each API method goes:
 * - active:  the active folder's Workspace (the blank one when none is open);
 * - ref:     the folder its first argument (a SessionRef) names, else the active one;
 * - refs:    grouped by the folders its first argument (SessionRef[]) names;
 * - set:     implemented by WorkspaceSet itself.
 * `satisfies Record<ApiMethod, Route>`: a method added to the API must be given a route.
 */
const ROUTES = {
  getState: 'set',
  listSessions: 'active',
  listSessionsPage: 'active',
  getSession: 'ref',
  setStatus: 'refs',
  setEmail: 'refs',
  deleteSessions: 'refs',
  undo: 'set',
  refresh: 'set',
  reveal: 'ref',
  chooseFolder: 'set',
  openDemo: 'set',
  preflight: 'active',
  push: 'active',
  testConnection: 'active',
  getPushSettings: 'active',
  setPushSettings: 'active',
  readAuditLog: 'active',
  listPending: 'set',
  recheck: 'active',
  searchSessions: 'set',
  listOverwritten: 'active',
  reapplyOverwritten: 'refs',
  dismissOverwritten: 'refs',
  // The Problems view lists the active folder's problems only; undo() finds their ids there.
  revealProblem: 'active',
  trashProblems: 'active',
  listFolders: 'set',
  switchFolder: 'set',
  closeFolder: 'set',
  addFolder: 'set',
  setWatchMode: 'set',
} as const satisfies Record<ApiMethod, 'active' | 'ref' | 'refs' | 'set'>;

type Routed = { [M in ApiMethod]: (typeof ROUTES)[M] extends 'set' ? never : M }[ApiMethod];
type AnyMethod = (...args: unknown[]) => Promise<unknown>;

// The routed methods are installed by the constructor (one forwarder per API method).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface WorkspaceSet extends Pick<ClientApi, Routed> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class WorkspaceSet implements SessionClient {
  private readonly host: WorkspaceSetHost;
  private readonly listeners = new EngineListeners();
  private readonly registry: FolderRegistry;
  private readonly across: CrossFolderActions;

  constructor(host: WorkspaceSetHost) {
    // One audit log, one unpushed file and one trash for all folders: separate instances
    // on the same files would overwrite each other.
    this.host = {
      ...host,
      audit: host.audit ?? new AuditLog(host.dataDir, { source: auditSource(host.platform) }),
      unpushed: host.unpushed ?? new UnpushedStore(host.dataDir),
      trash: host.trash ?? folderTrash(trashDir(host.dataDir)),
    };
    this.registry = new FolderRegistry(this.host, (e) => this.emit(e));
    this.across = new CrossFolderActions(this.registry);
    for (const method of API_METHODS) {
      const route = ROUTES[method];
      if (route !== 'set') (this as unknown as Record<string, AnyMethod>)[method] = this.forwarder(method, route);
    }
  }

  private forwarder(method: ApiMethod, route: 'active' | 'ref' | 'refs'): AnyMethod {
    const call = (ws: Workspace, args: unknown[]): Promise<unknown> =>
      (ws[method as keyof Workspace] as AnyMethod).apply(ws, args);
    // async: a bad folder id rejects the promise, never throws at the caller.
    if (route === 'active') return async (...args) => call(this.registry.ws, args);
    if (route === 'ref') {
      return async (ref, ...rest) => {
        const r = ref as SessionRef;
        const ws = r.folder === undefined ? this.registry.ws : this.registry.find(r.folder).ws;
        return call(ws, [bare(r), ...rest]);
      };
    }
    return async (refs, ...rest) =>
      this.across.run(refs as SessionRef[], (ws, list) => call(ws, [list, ...rest]) as Promise<ActionResult>);
  }

  // ---- events ----------------------------------------------------------------------------

  onEvent(listener: (e: EngineEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  private emit(event: EngineEvent): void {
    this.listeners.emit(event);
  }

  // ---- folders (the desktop shell and browser mode call these) -----------------------------

  /** Adds a folder (or switches to it when open) and makes it active; see FolderRegistry.add. */
  add(dir: string): Promise<WorkspaceState> {
    return this.registry.add(dir);
  }

  /** Reopens remembered folders (start-up), side by side; see FolderRegistry.restore. */
  restore(dirs: string[], active: string | null): Promise<void> {
    return this.registry.restore(dirs, active);
  }

  /** Replaces the active folder with `dir` (Workspace.open's meaning); switches when `dir` is already open. */
  open(dir: string): Promise<WorkspaceState> {
    return this.registry.open(dir);
  }

  openDemo(): Promise<WorkspaceState> {
    return this.registry.openDemo();
  }

  /** Checks every open root now (the timer calls this too). */
  checkHealth(): Promise<void> {
    return this.registry.checkHealth();
  }

  close(): Promise<void> {
    return this.registry.close();
  }

  async listFolders(): Promise<FolderSummary[]> {
    return this.registry.summaries();
  }

  async switchFolder(id: string): Promise<WorkspaceState> {
    return this.registry.activate(this.registry.find(id));
  }

  closeFolder(id: string): Promise<FolderSummary[]> {
    return this.registry.closeFolder(id);
  }

  setWatchMode(id: string, mode: WatchPreference): Promise<FolderSummary[]> {
    return this.registry.setWatchMode(id, mode);
  }

  async addFolder(): Promise<WorkspaceState | null> {
    const dir = await this.pickFolder();
    return dir === null ? null : this.registry.add(dir);
  }

  async chooseFolder(): Promise<WorkspaceState | null> {
    const dir = await this.pickFolder();
    return dir === null ? null : this.registry.open(dir);
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

  // ---- the set's own answers ----------------------------------------------------------------

  async getState(): Promise<WorkspaceState> {
    const entry = this.registry.active;
    return entry ? this.registry.patched(entry, await entry.ws.getState()) : this.registry.blank.getState();
  }

  /** Rescans the active folder; one that failed or went away is opened again instead. */
  async refresh(): Promise<WorkspaceState> {
    const entry = this.registry.active;
    if (!entry) return this.registry.blank.refresh();
    if (entry.health || entry.phase === 'error' || entry.phase === 'none') {
      try {
        return await this.registry.openEntry(entry);
      } finally {
        this.registry.healthChanged(entry);
      }
    }
    return entry.ws.refresh();
  }

  /** An id from an action across folders undoes every folder's share; any other goes to the active folder. */
  undo(actionId: string): Promise<ActionResult> {
    return this.across.undo(actionId) ?? this.registry.ws.undo(actionId);
  }

  /**
   * Every open, healthy folder's pending sessions, each tagged with its folder id, newest
   * first. A folder that fails to answer is left out; the others still show.
   */
  async listPending(): Promise<SessionRecord[]> {
    const healthy = this.registry.entries.filter((e) => e.phase === 'ready' && !e.health);
    if (healthy.length === 0) return this.registry.ws.listPending();
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

  /** Matches in every open, healthy folder (each hit tagged with its folder), newest first. */
  async searchSessions(query: string, limit: number): Promise<SessionSearchResult> {
    const healthy = this.registry.entries.filter((e) => e.phase === 'ready' && !e.health);
    if (healthy.length === 0) return this.registry.ws.searchSessions(query, limit);
    const lists = await Promise.all(
      healthy.map(async (e) => {
        try {
          return { folder: e.id, result: await e.ws.searchSessions(query, limit) };
        } catch (err) {
          console.error(`Could not search the sessions of ${e.root ?? e.id}:`, err);
          return { folder: e.id, result: { hits: [], total: 0 } };
        }
      }),
    );
    return mergeSearchResults(lists, limit);
  }
}

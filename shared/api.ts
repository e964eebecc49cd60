// The one API contract. The engine's Workspace implements it in the main
// process; the preload bridge (IPC) and the browser-mode client (HTTP + SSE)
// expose it to the renderer. Every argument crossing a transport is validated
// against `apiArgSchemas` (shared/api-schema.ts) before it reaches the engine.

import type {
  ActionResult,
  EngineEvent,
  FolderSummary,
  OverwrittenChange,
  PreflightReport,
  ProblemRef,
  PushResult,
  PushSettingsInput,
  PushSettingsView,
  RevealResult,
  SessionDetail,
  SessionRecord,
  SessionRef,
  SessionPage,
  SessionPageRequest,
  SessionSearchResult,
  SessionStatus,
  RecheckResult,
  WatchPreference,
  WorkspaceState,
} from './types';
import type { AuditEntry, AuditQuery } from './audit';

export interface SessionApi {
  /** Current folder, apps, problems and counts. */
  getState(): Promise<WorkspaceState>;
  /** Every session of one app folder. */
  listSessions(app: string): Promise<SessionRecord[]>;
  /**
   * The same, a page at a time, every page from the moment of the first (a snapshot): a
   * front end takes 100,000 sessions in short steps instead of one long parse.
   */
  listSessionsPage(app: string, page: SessionPageRequest): Promise<SessionPage>;
  /** One session with every field, its location and its warnings. */
  getSession(ref: SessionRef): Promise<SessionDetail>;
  setStatus(refs: SessionRef[], status: SessionStatus): Promise<ActionResult>;
  setEmail(refs: SessionRef[], email: string): Promise<ActionResult>;
  /** Moves the files to the trash; the result's actionId undoes it. */
  deleteSessions(refs: SessionRef[]): Promise<ActionResult>;
  /** Reverts a whole action (edit or delete) by its id. */
  undo(actionId: string): Promise<ActionResult>;
  /** Rescans the folder from disk. */
  refresh(): Promise<WorkspaceState>;
  /** Desktop: shows the file in Finder/Explorer. Browser: returns its path to show. */
  reveal(ref: SessionRef): Promise<RevealResult>;
  /** Desktop: native folder picker. Browser: "unsupported". Null when cancelled. */
  chooseFolder(): Promise<WorkspaceState | null>;
  /** Re-opens the built-in demo folder. */
  openDemo(): Promise<WorkspaceState>;
  /** Checks what the server would drop among the unpushed changes. */
  preflight(): Promise<PreflightReport>;
  /** Asks the 4D Server to reload its sessions (MOBILE APP REFRESH SESSIONS). */
  push(): Promise<PushResult>;
  /** Sends an authenticated no-op request to check URL and secret. */
  testConnection(): Promise<PushResult>;
  getPushSettings(): Promise<PushSettingsView>;
  setPushSettings(input: PushSettingsInput): Promise<PushSettingsView>;
  /** Entries of the app's audit log (data directory), newest first; `pushed` computed at read time. */
  readAuditLog(query: AuditQuery): Promise<AuditEntry[]>;
  /** Every pending session of every app of the open folder, newest file first (mtime); [] when none is open. */
  listPending(): Promise<SessionRecord[]>;
  /** The window came to the front: compares the folder with the index by listings and lstats (no full re-read). */
  recheck(): Promise<RecheckResult>;
  /** Sessions of every app (and every open folder) matching the search words, newest first, at most `limit`. */
  searchSessions(query: string, limit: number): Promise<SessionSearchResult>;
  /** The open folder's changes that another program overwrote before a push. */
  listOverwritten(): Promise<OverwrittenChange[]>;
  /** Writes the overwritten values again (an ordinary, audited, undoable edit). */
  reapplyOverwritten(refs: SessionRef[]): Promise<ActionResult>;
  /** Lets the overwritten changes of these sessions go: the file's value stays, no warning any more. */
  dismissOverwritten(refs: SessionRef[]): Promise<ActionResult>;
  /** Desktop: shows a problem file of the active folder in Finder/Explorer. Browser: returns its path to show. */
  revealProblem(ref: ProblemRef): Promise<RevealResult>;
  /**
   * Moves problem files of the active folder to the trash; the result's actionId goes to undo(),
   * which puts each back as it was. In the result's refs, `id` is the problem's file name.
   */
  trashProblems(refs: ProblemRef[]): Promise<ActionResult>;
}

/**
 * Several folders open at once (one share per 4D Server, for example). Implemented by the
 * engine's WorkspaceSet; every SessionApi method then acts on the ACTIVE folder. A single
 * Workspace does not implement these (dispatch answers "unsupported").
 */
export interface FolderApi {
  /** Every open folder, in the order they were opened. */
  listFolders(): Promise<FolderSummary[]>;
  /** Makes another open folder the active one; its state follows (and a 'state' event). */
  switchFolder(id: string): Promise<WorkspaceState>;
  /** Closes one folder; closing the last one opens the demo folder instead. */
  closeFolder(id: string): Promise<FolderSummary[]>;
  /**
   * Desktop: native picker; the folder is added (or, when already open, switched to) and made
   * active. Browser: "unsupported" (start the server with several --dir). Null when cancelled.
   * chooseFolder() keeps its meaning: it replaces the active folder.
   */
  addFolder(): Promise<WorkspaceState | null>;
  /** Auto / Native / Polling for one open folder, remembered by its path; the summaries follow. */
  setWatchMode(id: string, mode: WatchPreference): Promise<FolderSummary[]>;
}

/** Everything a transport exposes: the per-folder API plus the folder list. */
export interface ClientApi extends SessionApi, FolderApi {}

export type ApiMethod = keyof ClientApi;
export type ApiArgs<M extends ApiMethod> = Parameters<ClientApi[M]>;
export type ApiReturn<M extends ApiMethod> = Awaited<ReturnType<ClientApi[M]>>;

export const API_METHODS = [
  'getState',
  'listSessions',
  'listSessionsPage',
  'getSession',
  'setStatus',
  'setEmail',
  'deleteSessions',
  'undo',
  'refresh',
  'reveal',
  'chooseFolder',
  'openDemo',
  'preflight',
  'push',
  'testConnection',
  'getPushSettings',
  'setPushSettings',
  'readAuditLog',
  'listPending',
  'recheck',
  'searchSessions',
  'listOverwritten',
  'reapplyOverwritten',
  'dismissOverwritten',
  'revealProblem',
  'trashProblems',
  'listFolders',
  'switchFolder',
  'closeFolder',
  'addFolder',
  'setWatchMode',
] as const satisfies readonly ApiMethod[];

/** What the renderer holds: the methods plus the event stream. */
export interface SessionClient extends ClientApi {
  /** Subscribes to engine events; returns the unsubscribe function. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
}

/** Envelope every transport uses, so errors keep their code across IPC and HTTP. */
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: import('./types').ApiErrorInfo };

/** IPC channel names (one invoke channel per method, one event channel). */
export const IPC_INVOKE_PREFIX = 'msm:';
export const IPC_EVENT_CHANNEL = 'msm:event';
/** Global name under which the preload bridge exposes the SessionClient. */
export const BRIDGE_GLOBAL = 'mobileSessions';

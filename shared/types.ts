// Public types of the session engine. Both sides (main process / browser-mode
// server and the renderer) speak in these; nothing here touches Node or the DOM.

export type SessionStatus = 'accepted' | 'pending';
export const SESSION_STATUSES: readonly SessionStatus[] = ['accepted', 'pending'];

export type Platform = 'ios' | 'android' | 'unknown';

/** Identifies one session: the app folder's name plus the session file's name (= session id). */
export interface SessionRef {
  app: string;
  id: string;
  /** The open folder (FolderSummary id) holding the session; absent means the active folder. */
  folder?: string;
}

/** Why the server's `MOBILE APP REFRESH SESSIONS` would drop (or distrust) a session. */
export type SessionWarningCode =
  | 'folder-mismatch' // folder name is not <team.id>.<application.id> nor <application.id>
  | 'id-mismatch' // file name is not session.id
  | 'token-mismatch' // token does not decode to {appNameID,id,teamID} of this session
  | 'token-missing'
  | 'schema' // a required field is missing or has the wrong type
  | 'status-invalid' // status is neither "accepted" nor "pending"
  | 'email-invalid'
  | 'duplicate-key' // a key appears twice in one object: which value 4D reads is uncertain
  | 'field-advice'; // built-in rules only: a field 4D's own files always have is missing or of another type (advice)

export interface SessionWarning {
  code: SessionWarningCode;
  /** Plain-English explanation, with the values involved. */
  message: string;
}

/** One row of the sessions table: the fields the UI shows and sorts on. */
export interface SessionRecord {
  app: string;
  id: string;
  status: SessionStatus | null; // null when the file holds something else
  email: string;
  deviceDescription: string;
  deviceId: string;
  os: string; // device.os, or inferred ("iOS"/"Android") when absent
  osVersion: string; // device.version
  simulator: boolean;
  language: string; // language.id, e.g. "en_US"
  ip: string;
  appVersion: string;
  /** File modification time, ms since epoch. */
  mtimeMs: number;
  size: number;
  warnings: SessionWarning[];
  /** The open folder (FolderSummary id) holding the session; set only by WorkspaceSet.listPending and its 'new-pending' events. */
  folder?: string;
}

/** One match of searchSessions: the record (tagged with its folder when several are open) and its app's name. */
export interface SessionSearchHit {
  record: SessionRecord;
  appName: string;
}

/** Which page of an app's sessions to list: the first (cursor null) takes a snapshot the next ones read. */
export interface SessionPageRequest {
  /** null for the first page; then the `next` of the page before. */
  cursor: string | null;
  /** Sessions per page. */
  size: number;
}

/** One page of an app's sessions; every page of one listing comes from the same moment. */
export interface SessionPage {
  records: SessionRecord[];
  /** Sessions in the whole listing. */
  total: number;
  /** The cursor of the next page, or null after the last one. */
  next: string | null;
}

/** Matches of a search across every app, newest first; `total` counts them all, `hits` stops at the limit. */
export interface SessionSearchResult {
  hits: SessionSearchHit[];
  total: number;
}

/** Everything about one session, for the details panel. */
export interface SessionDetail {
  record: SessionRecord;
  /** The parsed file, every field, in file order. */
  json: Record<string, unknown>;
  /** Where the file is, for display only (the API never accepts paths back). */
  location: string;
}

export interface AppCounts {
  total: number;
  accepted: number;
  pending: number;
  problems: number;
}

export interface AppFolder {
  /** The folder's name inside MobileApps; the app's key in every API call. */
  folder: string;
  bundleId: string;
  /** Team id from the folder name; null when the folder is the bundle id alone. */
  teamId: string | null;
  /** Folder name starts with FAKETEAMID. (iOS app built without a team). */
  fakeTeam: boolean;
  /** From manifest.json, else the sessions' application.name, else the bundle id. */
  name: string;
  platform: Platform;
  /** From manifest.json info.version, else the newest session's application.version. */
  version: string;
  counts: AppCounts;
}

export type ProblemCode =
  | 'unreadable' // permission denied, I/O error
  | 'malformed-json'
  | 'not-an-object'
  | 'too-large'
  | 'encoding' // not UTF-8
  | 'not-regular' // a FIFO, socket, device or symbolic link named like a session: never opened
  | 'too-deep'; // nested deeper than any session: refused before it can exhaust the stack

/**
 * Names one problem file of the active folder (Problems view actions): its app folder and
 * its file name, never a path; the engine resolves it inside the root and checks it is listed.
 */
export interface ProblemRef {
  app: string;
  file: string;
}

/** A file that looks like a session but cannot be used. Listed; changed only by the Problems view's Move to trash. */
export interface Problem {
  app: string;
  file: string;
  code: ProblemCode;
  reason: string;
  /** Display path. */
  location: string;
  mtimeMs: number;
}

export type WorkspacePhase = 'none' | 'scanning' | 'ready' | 'error';

export type HostPlatform = 'darwin' | 'win32' | 'linux' | 'browser';

export interface WorkspaceState {
  phase: WorkspacePhase;
  /** Display path of the MobileApps folder, or null when none is open. */
  root: string | null;
  isDemo: boolean;
  /** Set when phase is "error": why the folder cannot be read. */
  error: string | null;
  watchMode: 'native' | 'polling';
  /** Why that watch mode (absent before a folder is opened). */
  watch?: WatchInfo;
  apps: AppFolder[];
  problems: Problem[];
  /** Edits and deletions made since the last successful push. */
  unpushed: number;
  host: HostPlatform;
  version: string;
}

/** One open folder of the sidebar's Folders section (several may be open at once, e.g. one share per 4D Server). */
export interface FolderSummary {
  /** Stable id: a short hash of the folder's real path; 'demo' for the demo folder. */
  id: string;
  /** Display path; null only before anything was opened. */
  root: string | null;
  /** Short name for the list: the last meaningful path segments. */
  label: string;
  isDemo: boolean;
  /** 'error' also when the folder became unreachable after it was opened (share gone, root deleted). */
  phase: WorkspacePhase;
  error: string | null;
  /** Pending sessions over all of the folder's apps. */
  pending: number;
  unpushed: number;
  /** The folder every other API method acts on. */
  active: boolean;
  watchMode: 'native' | 'polling';
  /** Why that watch mode (absent before the folder was opened). */
  watch?: WatchInfo;
}

/** The user's per-folder choice: Auto polls network and FUSE file systems and watches the others natively. */
export type WatchPreference = 'auto' | 'native' | 'polling';

/** How a folder is watched, and why: "Polling: network share (fuse.sshfs)". */
export interface WatchInfo {
  /** The mode in force. */
  mode: 'native' | 'polling';
  preference: WatchPreference;
  /** network / local: Auto's finding; chosen: the user's per-folder choice; forced: set for every folder at start (--polling). */
  reason: 'network' | 'local' | 'chosen' | 'forced';
  /** The file system's name as the OS gives it (fuse.sshfs, nfs4, smbfs, UNC…), when known. */
  fsType: string | null;
  /** Whether the folder is on a network or FUSE file system; null when it could not be told. */
  network: boolean | null;
}

/** What a re-check (the window came to the front) looked at and found. */
export interface RecheckResult {
  /** Files compared (directory listings and lstat, no file read). */
  files: number;
  /** Files that differed and were re-read. */
  changed: number;
}

/** Incremental change, emitted in small batches. */
export type EngineEvent =
  | { type: 'state'; state: WorkspaceState }
  | { type: 'apps'; apps: AppFolder[] }
  | { type: 'sessions'; app: string; upserted: SessionRecord[]; removed: string[] }
  | { type: 'problems'; problems: Problem[] }
  | { type: 'unpushed'; count: number }
  /** Sessions that appeared on disk (or turned pending) from outside the app, after the initial scan:
   *  for notifications and the approval inbox. Never sent for the app's own edits or undo. */
  | { type: 'new-pending'; sessions: SessionRecord[] }
  /** Every open folder's summary, sent when one of them changes phase, pending or unpushed count. */
  | { type: 'folders'; folders: FolderSummary[] }
  /** Every overwritten change of the active folder (the whole list, replaced each time). */
  | { type: 'overwritten'; sessions: OverwrittenChange[] }
  /** The re-read a few seconds after a successful push found these sessions changed away from what was pushed. */
  | { type: 'changed-after-push'; sessions: OverwrittenChange[] };

/**
 * A change the admin made that the file no longer shows: another program (4D Server, an
 * app's own code) wrote the session back before a push. `now` is what the file says (null: no value).
 */
export interface OverwrittenChange {
  ref: SessionRef;
  field: 'status' | 'email';
  set: string;
  now: string | null;
}

export type ApiErrorCode =
  | 'invalid-argument'
  | 'not-found' // session or app vanished
  | 'outside-root' // path escape refused
  | 'no-folder'
  | 'invalid-session' // the edit would produce an invalid session
  | 'io' // permission denied, disk full, ...
  | 'conflict' // changed since (by a later action or another program): not undone
  | 'unsupported' // not available in this mode
  | 'push-failed'
  | 'unauthorized'
  | 'internal';

export interface ApiErrorInfo {
  code: ApiErrorCode;
  message: string;
}

export interface ActionFailure {
  ref: SessionRef;
  error: ApiErrorInfo;
}

export interface ActionResult {
  /** Pass to undo() to revert this whole action; null when nothing changed. */
  actionId: string | null;
  done: SessionRef[];
  failed: ActionFailure[];
  /** Status and e-mail edits: those of `done` that already had the value (their files were left as they are). */
  unchanged?: SessionRef[];
  /**
   * Desktop delete and Problems trash only: `count` of the done files could not go to the OS trash (a network
   * share) and were moved to `folder`, the app's own trash in its data directory. Undo works the same.
   */
  appTrash?: { folder: string; count: number };
}

export interface RevealResult {
  /** True when the OS file manager was opened (desktop); false in browser mode. */
  shown: boolean;
  /** Display path, for the browser mode to show and copy. */
  location: string;
}

export type PushOutcome =
  | 'success'
  | 'not-configured'
  | 'http-error'
  | 'unauthorized'
  | 'timeout'
  | 'connection-refused'
  | 'tls-error'
  | 'network-error'
  /** The server reloaded its sessions, but some changes were overwritten before: `notSeen` lists them. */
  | 'incomplete';

export interface PushResult {
  outcome: PushOutcome;
  message: string;
  httpStatus?: number;
  bodyExcerpt?: string;
  durationMs: number;
  /** Outcome 'incomplete': the changes the server did not see (overwritten in the files before the push). */
  notSeen?: OverwrittenChange[];
}

/** What the server would drop if we pushed now. */
export interface PreflightReport {
  checked: number;
  issues: { ref: SessionRef; warnings: SessionWarning[] }[];
  problems: Problem[];
  /** Which rules the sessions were checked with (see shared/session-warnings.ts for which warnings drop a session). */
  rules: CheckRules;
  /** Changes overwritten in the files since they were made: the server would not see them. */
  overwritten?: OverwrittenChange[];
}

export interface PushSettingsView {
  url: string;
  timeoutMs: number;
  hasSecret: boolean;
  /** Where the secret lives: OS keychain, environment, or nowhere. */
  secretSource: 'keychain' | 'environment' | 'memory' | 'none';
  /** The 4D or 4D Server installation (or its mobileSessionSchema.json) the user pointed to; "" = look in the usual places. */
  fourDInstallPath: string;
  /** The rules the pre-flight check uses now. */
  checkRules: CheckRules;
}

/**
 * The rules session checks use: 4D's own JSON schema (from a 4D installation) or,
 * when none is found, the app's built-in rules. `note` says why the built-in rules
 * are used when a schema was looked for (e.g. the pointed file could not be loaded).
 */
export type CheckRules = { source: '4d-schema'; schemaPath: string } | { source: 'built-in'; note?: string };

export interface PushSettingsInput {
  url: string;
  timeoutMs: number;
  /** undefined keeps the stored secret, "" clears it. */
  secret?: string;
  /** undefined keeps the stored path, "" looks in the usual places again. */
  fourDInstallPath?: string;
}

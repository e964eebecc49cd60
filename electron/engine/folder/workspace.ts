// The Workspace: one opened MobileApps folder and the implementation of the
// SessionApi contract for it. Three parts side by side: the FolderIndex (open,
// scan, watch, state, reads), the SessionActions pipeline (edits, deletes, undo,
// with their audit entries and unpushed changes) and FolderPush (pre-flight,
// push, push settings). Plain Node (never imports 'electron'): the desktop shell
// injects trash/reveal/folder-picker through WorkspaceHost; the browser-mode
// server runs it as is.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api-error';
import type { SessionApi } from '../../../shared/api';
import type {
  ActionResult,
  EngineEvent,
  HostPlatform,
  OverwrittenChange,
  PreflightReport,
  ProblemRef,
  PushResult,
  PushSettingsInput,
  PushSettingsView,
  RecheckResult,
  RevealResult,
  SessionDetail,
  SessionPage,
  SessionPageRequest,
  SessionRecord,
  SessionRef,
  SessionSearchResult,
  SessionStatus,
  WatchPreference,
  WorkspaceState,
} from '../../../shared/types';
import type { VolumeKind } from '../watch/volume-kind';
import type { AuditEntry, AuditQuery } from '../../../shared/audit';
import { ActionRecorder } from '../actions/action-recorder';
import { OverwriteTracker } from '../actions/overwrite-tracker';
import { dismissOverwritten, reapplyOverwritten, type OverwrittenActionsDeps } from '../actions/overwritten-actions';
import { ProblemActions, ProblemUndoLog } from '../actions/problem-actions';
import { SessionActions, type ActionOutcome } from '../actions/session-actions';
import { UndoLog } from '../actions/undo-log';
import { AuditLog } from '../audit/audit-log';
import { writeDemoFolder } from '../demo/demo-folder';
import { folderTrash, type TrashFunction } from '../edit/session-delete';
import { demoDir, trashDir } from '../paths';
import { FolderPush } from '../push/folder-push';
import type { PushService } from '../push/push-service';
import { UnpushedStore } from '../push/unpushed-store';
import { FolderIndex, type WorkspaceTimings } from './folder-index';
import { assertInsideRoot, sessionPath } from './root';
import { EngineListeners } from './engine-listeners';

export type { WorkspaceTimings } from './folder-index';

export interface WorkspaceHost {
  platform: HostPlatform;
  version: string;
  /** App data dir: demo folder, fallback trash, unpushed-changes file, audit log (see paths.ts). */
  dataDir: string;
  /** Desktop: Electron shell.trashItem; default folderTrash(trashDir(dataDir)). */
  trash?: TrashFunction;
  /** Desktop: shell.showItemInFolder. */
  reveal?: (absPath: string) => Promise<boolean>;
  /** Desktop: native dialog; absent => 'unsupported'. */
  chooseFolder?: () => Promise<string | null>;
  push?: PushService;
  /** Forced for every folder (--polling, tests); else the per-folder preference, Auto by default. */
  watchMode?: 'native' | 'polling';
  /** The user's Auto / Native / Polling choice for a folder (by real path); default 'auto'. */
  watchPreference?: (root: string) => WatchPreference;
  /** Tells network file systems (tests); default: the OS's mount table (watch/volume-kind.ts). */
  detectVolume?: (path: string) => Promise<VolumeKind>;
  /** Root check interval in polling mode (default 2000 ms on a share, 1000 ms on a local disk). */
  pollIntervalMs?: number;
  /** The shell remembers the last folder. */
  onFolderOpened?: (root: string, isDemo: boolean) => void;
  /** Audit log of every change; default: an AuditLog in dataDir (dataDir/audit). */
  audit?: AuditLog;
  /** Unpushed changes; default: an UnpushedStore in dataDir. Workspaces sharing a dataDir must share it. */
  unpushed?: UnpushedStore;
  /** How long after a successful push the pushed sessions are re-read (default 5 s; MSM_PUSH_VERIFY_MS). */
  pushVerifyDelayMs?: number;
}

/** MSM_PUSH_VERIFY_MS, when it is a sensible number of milliseconds (tests use a short delay). */
function verifyDelayFromEnv(): number | undefined {
  const ms = Number(process.env.MSM_PUSH_VERIFY_MS);
  return Number.isInteger(ms) && ms >= 0 && ms <= 600_000 ? ms : undefined;
}

/** The audit entries' "source" for this host. */
export function auditSource(platform: HostPlatform): string {
  return platform === 'browser' ? 'browser' : 'app';
}

export class Workspace implements SessionApi {
  private readonly host: WorkspaceHost;
  private readonly listeners = new EngineListeners();
  private readonly folder: FolderIndex;
  private readonly recorder: ActionRecorder;
  private readonly pushPart: FolderPush;
  /** Outlives a reopen of the same folder: an entry names its root. */
  private readonly undoLog = new UndoLog();
  /** Problems view trashes (actions/problem-actions.ts); undo() looks here first. */
  private readonly problemUndo = new ProblemUndoLog();
  private readonly trash: TrashFunction;
  private readonly tracker: OverwriteTracker;

  constructor(host: WorkspaceHost) {
    this.host = host;
    this.trash = host.trash ?? folderTrash(trashDir(host.dataDir));
    const unpushed = host.unpushed ?? new UnpushedStore(host.dataDir);
    this.recorder = new ActionRecorder(
      host.audit ?? new AuditLog(host.dataDir, { source: auditSource(host.platform) }),
      unpushed,
    );
    this.tracker = new OverwriteTracker({
      recorder: this.recorder,
      indexed: (root, ref) => this.folder.indexed(root, ref),
      emit: (e) => this.emit(e),
    });
    this.folder = new FolderIndex({
      platform: host.platform,
      version: host.version,
      watchMode: host.watchMode,
      watchPreference: host.watchPreference,
      detectVolume: host.detectVolume,
      pollIntervalMs: host.pollIntervalMs,
      unpushed,
      emit: (e) => this.emit(e),
      recordHooks: {
        externalRecord: (r) => this.folder.root !== null && this.tracker.onRecord(this.folder.root, r),
        notNewPending: (r) => this.folder.root !== null && this.tracker.isOverwrite(this.folder.root, r),
      },
    });
    this.pushPart = new FolderPush({
      service: host.push,
      recorder: this.recorder,
      readSession: (ref) => this.folder.getSession(ref),
      problems: () => this.folder.problems(),
      isOpen: (root) => this.folder.root === root,
      onUnpushedChange: () => {
        this.folder.unpushedChanged();
        this.tracker.recheck();
      },
      onChangedAfterPush: (root, changes) => {
        this.tracker.logOverwrites(root, changes, 'changed by another program after it was pushed');
        if (this.folder.root === root) this.emit({ type: 'changed-after-push', sessions: changes });
      },
      verifyDelayMs: host.pushVerifyDelayMs ?? verifyDelayFromEnv(),
    });
  }

  get timings(): WorkspaceTimings {
    return this.folder.timings;
  }

  // ---- events --------------------------------------------------------------------------

  onEvent(listener: (e: EngineEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  private emit(event: EngineEvent): void {
    this.listeners.emit(event);
  }

  // ---- opening and closing -------------------------------------------------------------

  async open(dir: string, isDemo = false): Promise<WorkspaceState> {
    const state = await this.folder.open(dir, isDemo);
    this.tracker.setRoot(this.folder.root);
    this.tracker.recheck(); // changes overwritten while the folder was closed
    if (state.phase === 'ready' && state.root !== null && this.folder.root === state.root)
      this.host.onFolderOpened?.(state.root, isDemo);
    return state;
  }

  async openDemo(): Promise<WorkspaceState> {
    const parent = demoDir(this.host.dataDir);
    const root = join(parent, 'MobileApps');
    if (!existsSync(root)) await writeDemoFolder(parent, { withProblems: true });
    return this.open(root, true);
  }

  /** Stops watchers, workers and timers; no handle stays open. */
  async close(): Promise<void> {
    this.folder.close();
    this.tracker.close();
    this.pushPart.close();
    await this.recorder.unpushed.flushed();
    await this.recorder.settled();
  }

  // ---- reading ---------------------------------------------------------------------------

  async getState(): Promise<WorkspaceState> {
    return this.folder.snapshot();
  }

  async listSessions(app: string): Promise<SessionRecord[]> {
    return this.folder.listSessions(app);
  }

  async listSessionsPage(app: string, page: SessionPageRequest): Promise<SessionPage> {
    return this.folder.listSessionsPage(app, page);
  }

  getSession(ref: SessionRef): Promise<SessionDetail> {
    return this.folder.getSession(ref);
  }

  async listPending(): Promise<SessionRecord[]> {
    return this.folder.listPending();
  }

  async searchSessions(query: string, limit: number): Promise<SessionSearchResult> {
    return this.folder.searchSessions(query, limit);
  }

  async readAuditLog(query: AuditQuery): Promise<AuditEntry[]> {
    await this.recorder.settled(); // the log shows every action that has returned
    return (await this.recorder.audit.read(query)).entries;
  }

  /** The window came to the front: listings and lstats, re-reading only what differs. */
  recheck(): Promise<RecheckResult> {
    return this.folder.recheck();
  }

  /** The folder's watch preference changed (the host's watchPreference answers the new one). */
  applyWatchPreference(): Promise<WorkspaceState> {
    return this.folder.applyWatchPreference();
  }

  async refresh(): Promise<WorkspaceState> {
    const state = await this.folder.refresh();
    this.tracker.recheck();
    return state;
  }

  // ---- overwritten changes (actions/overwrite-tracker.ts) --------------------------------

  async listOverwritten(): Promise<OverwrittenChange[]> {
    return this.folder.root === null ? [] : this.tracker.list();
  }

  reapplyOverwritten(refs: SessionRef[]): Promise<ActionResult> {
    return reapplyOverwritten(this.overwrittenDeps(), refs);
  }

  dismissOverwritten(refs: SessionRef[]): Promise<ActionResult> {
    return dismissOverwritten(this.overwrittenDeps(), refs);
  }

  /** Waits until the overwrites noticed so far are confirmed (tests). */
  overwritesSettled(): Promise<void> {
    return this.tracker.settled();
  }

  private overwrittenDeps(): OverwrittenActionsDeps {
    return { root: this.folder.requireRoot(), actions: this.actions(), recorder: this.recorder, tracker: this.tracker };
  }

  // ---- actions: one pipeline (actions/session-actions.ts) --------------------------------

  async setStatus(refs: SessionRef[], status: SessionStatus): Promise<ActionResult> {
    return contract(await this.actions().setStatus(refs, status));
  }

  async setEmail(refs: SessionRef[], email: string): Promise<ActionResult> {
    return contract(await this.actions().setEmail(refs, email));
  }

  async deleteSessions(refs: SessionRef[]): Promise<ActionResult> {
    return contract(await this.actions().deleteSessions(refs));
  }

  async undo(actionId: string): Promise<ActionResult> {
    if (this.problemUndo.has(actionId)) return this.problemActions().undo(actionId);
    return contract(await this.actions().undo(actionId));
  }

  /** The pipeline for the folder open now; its writes reach the live index only while that folder stays open. */
  private actions(): SessionActions {
    const root = this.folder.requireRoot();
    return new SessionActions({
      root,
      trash: this.trash,
      recorder: this.recorder,
      undo: this.undoLog,
      live: () => this.folder.liveIndex(root),
      onUnpushedChange: () => this.folder.unpushedChanged(),
      tracker: this.tracker,
    });
  }

  // ---- the Problems view's actions (actions/problem-actions.ts) ---------------------------

  revealProblem(ref: ProblemRef): Promise<RevealResult> {
    return this.problemActions().reveal(ref);
  }

  trashProblems(refs: ProblemRef[]): Promise<ActionResult> {
    return this.problemActions().trash(refs);
  }

  private problemActions(): ProblemActions {
    const root = this.folder.requireRoot();
    return new ProblemActions({
      root,
      trash: this.trash,
      trashDir: trashDir(this.host.dataDir),
      recorder: this.recorder,
      undo: this.problemUndo,
      problems: () => (this.folder.root === root ? this.folder.problems() : []),
      live: () => this.folder.problemIndex(root),
      reveal: this.host.reveal,
    });
  }

  // ---- desktop integration ---------------------------------------------------------------

  async reveal(ref: SessionRef): Promise<RevealResult> {
    const root = this.folder.requireRoot();
    const location = sessionPath(root, ref);
    await assertInsideRoot(root, location);
    const shown = this.host.reveal ? await this.host.reveal(location) : false;
    return { shown, location };
  }

  async chooseFolder(): Promise<WorkspaceState | null> {
    if (!this.host.chooseFolder) {
      throw new ApiError(
        'unsupported',
        'Choosing a folder is only available in the desktop app; start the browser mode with the folder path.',
      );
    }
    const dir = await this.host.chooseFolder();
    return dir === null ? null : this.open(dir);
  }

  // ---- push ------------------------------------------------------------------------------

  preflight(): Promise<PreflightReport> {
    return this.pushPart.preflight(this.folder.requireRoot());
  }

  push(): Promise<PushResult> {
    return this.pushPart.push(this.folder.requireRoot());
  }

  testConnection(): Promise<PushResult> {
    return this.pushPart.testConnection(this.folder.requireRoot());
  }

  getPushSettings(): Promise<PushSettingsView> {
    return this.pushPart.getSettings(this.folder.requireRoot());
  }

  setPushSettings(input: PushSettingsInput): Promise<PushSettingsView> {
    return this.pushPart.setSettings(this.folder.requireRoot(), input);
  }
}

/** The SessionApi's ActionResult: exactly its three fields, whatever the pipeline adds. */
function contract(outcome: ActionOutcome): ActionResult {
  const { actionId, done, failed, unchanged } = outcome;
  return unchanged.length > 0 ? { actionId, done, failed, unchanged } : { actionId, done, failed };
}

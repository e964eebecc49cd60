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
  PreflightReport,
  PushResult,
  PushSettingsInput,
  PushSettingsView,
  RevealResult,
  SessionDetail,
  SessionRecord,
  SessionRef,
  SessionStatus,
  WorkspaceState,
} from '../../../shared/types';
import type { AuditEntry, AuditQuery } from '../../../shared/audit';
import { ActionRecorder } from '../actions/action-recorder';
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
  watchMode?: 'native' | 'polling';
  /** Polling interval in polling mode (default 1000 ms). */
  pollIntervalMs?: number;
  /** The shell remembers the last folder. */
  onFolderOpened?: (root: string, isDemo: boolean) => void;
  /** Audit log of every change; default: an AuditLog in dataDir (dataDir/audit). */
  audit?: AuditLog;
  /** Unpushed changes; default: an UnpushedStore in dataDir. Workspaces sharing a dataDir must share it. */
  unpushed?: UnpushedStore;
}

/** The audit entries' "source" for this host. */
export function auditSource(platform: HostPlatform): string {
  return platform === 'browser' ? 'browser' : 'app';
}

export class Workspace implements SessionApi {
  private readonly host: WorkspaceHost;
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private readonly folder: FolderIndex;
  private readonly recorder: ActionRecorder;
  private readonly pushPart: FolderPush;
  /** Outlives a reopen of the same folder: an entry names its root. */
  private readonly undoLog = new UndoLog();
  private readonly trash: TrashFunction;

  constructor(host: WorkspaceHost) {
    this.host = host;
    this.trash = host.trash ?? folderTrash(trashDir(host.dataDir));
    const unpushed = host.unpushed ?? new UnpushedStore(host.dataDir);
    this.recorder = new ActionRecorder(host.audit ?? new AuditLog(host.dataDir, { source: auditSource(host.platform) }), unpushed);
    this.folder = new FolderIndex({
      platform: host.platform,
      version: host.version,
      watchMode: host.watchMode,
      pollIntervalMs: host.pollIntervalMs,
      unpushed,
      emit: (e) => this.emit(e),
    });
    this.pushPart = new FolderPush({
      service: host.push,
      recorder: this.recorder,
      readSession: (ref) => this.folder.getSession(ref),
      problems: () => this.folder.problems(),
      isOpen: (root) => this.folder.root === root,
      onUnpushedChange: () => this.folder.unpushedChanged(),
    });
  }

  get timings(): WorkspaceTimings {
    return this.folder.timings;
  }

  // ---- events --------------------------------------------------------------------------

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

  // ---- opening and closing -------------------------------------------------------------

  async open(dir: string, isDemo = false): Promise<WorkspaceState> {
    const state = await this.folder.open(dir, isDemo);
    if (state.phase === 'ready' && state.root !== null && this.folder.root === state.root) this.host.onFolderOpened?.(state.root, isDemo);
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

  getSession(ref: SessionRef): Promise<SessionDetail> {
    return this.folder.getSession(ref);
  }

  async listPending(): Promise<SessionRecord[]> {
    return this.folder.listPending();
  }

  async readAuditLog(query: AuditQuery): Promise<AuditEntry[]> {
    await this.recorder.settled(); // the log shows every action that has returned
    return (await this.recorder.audit.read(query)).entries;
  }

  refresh(): Promise<WorkspaceState> {
    return this.folder.refresh();
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
      throw new ApiError('unsupported', 'Choosing a folder is only available in the desktop app; start the browser mode with the folder path.');
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
  return { actionId: outcome.actionId, done: outcome.done, failed: outcome.failed };
}

// The Workspace: one opened MobileApps folder, kept live in memory, and the
// implementation of the SessionApi contract. Plain Node (never imports
// 'electron'): the desktop shell injects trash/reveal/folder-picker through
// WorkspaceHost; the browser-mode server runs it as is.
//
// Lifecycle of open(): resolve the root -> list app folders -> start watching
// (before reading, so nothing written during the scan is missed) -> stream the
// scan (workers) into the index, emitting batched events -> phase 'ready'.
// open() resolves when the scan is complete. While it runs, 'apps' events report
// folders and growing counts; an app's sessions are streamed as 'sessions' events
// once someone has listed it (listSessions), so the UI gets the app it shows within
// milliseconds without 100,000 records crossing IPC. After the scan, every change
// of any app is a 'sessions' delta.

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open as openFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, toErrorInfo } from '../../shared/api-error';
import type { SessionApi } from '../../shared/api';
import { emailValue, sessionStatus } from '../../shared/api-schema';
import type {
  ActionFailure,
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
  WorkspacePhase,
  WorkspaceState,
} from '../../shared/types';
import type { AuditEntry, AuditQuery, AuditSessionChange, AuditValue } from '../../shared/audit';
import { AuditLog, type AuditEntryInput } from './audit-log';
import { writeDemoFolder } from './demo-folder';
import { EventBatcher } from './event-batcher';
import { NativeWatcher, PollingWatcher, type FolderWatcher } from './folder-watcher';
import { IndexUpdater } from './index-updater';
import { pendingNewestFirst } from './pending-list';
import { noPushService, type PushService } from './push-service';
import { appPath, assertInsideRoot, resolveMobileAppsRoot, sessionPath } from './root';
import { startScan, type ScanHandle, type ScanStats } from './scanner';
import { checkSession } from './session-check';
import { deleteSessionFile, folderTrash, restoreSessionFile, type DeletedSession, type TrashFunction } from './session-delete';
import { editSessionFile } from './session-edit';
import { MAX_SESSION_BYTES, parseSessionBytes } from './session-file';
import { SessionIndex } from './session-index';
import { readSessionAsync } from './session-read';
import { UnpushedStore, type UnpushedKind } from './unpushed-store';

export interface WorkspaceHost {
  platform: HostPlatform;
  version: string;
  /** App data dir: demo folder, fallback trash, unpushed-changes file. */
  dataDir: string;
  /** Desktop: Electron shell.trashItem; default folderTrash(dataDir/Trash). */
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

/** Timings of the last open/refresh, for the benchmark and diagnostics. */
export interface WorkspaceTimings {
  scan: ScanStats | null;
  watchReadyMs: number;
}

type UndoEntry =
  | { kind: 'status'; root: string; prev: { ref: SessionRef; value: SessionStatus | null }[] }
  | { kind: 'email'; root: string; prev: { ref: SessionRef; value: string }[] }
  | { kind: 'delete'; root: string; deleted: DeletedSession[] };

/** Undo data kept in memory (deleted bytes included): the most recent actions only. */
const MAX_UNDO = 200;
/** Longest stretch spent adding folder watchers before yielding. */
const WATCH_SLICE_MS = 5;
/** Files edited/deleted in parallel by one action. */
const ACTION_CONCURRENCY = 8;

export class Workspace implements SessionApi {
  private readonly host: WorkspaceHost;
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private readonly batcher: EventBatcher;
  private readonly unpushedStore: UnpushedStore;
  private readonly undoLog = new Map<string, UndoEntry>();
  private readonly trash: TrashFunction;
  private readonly audit: AuditLog;
  /** Audit appends not yet on disk: readAuditLog and close wait for them. */
  private readonly auditWrites = new Set<Promise<void>>();
  private index = new SessionIndex();
  private root: string | null = null;
  private displayRoot: string | null = null;
  private isDemo = false;
  private phase: WorkspacePhase = 'none';
  private error: string | null = null;
  private updater: IndexUpdater | null = null;
  private watcher: FolderWatcher | null = null;
  private scan: ScanHandle | null = null;
  /** Bumped by every open/close: late results of an older folder are dropped. */
  private generation = 0;
  readonly timings: WorkspaceTimings = { scan: null, watchReadyMs: -1 };

  constructor(host: WorkspaceHost) {
    this.host = host;
    this.trash = host.trash ?? folderTrash(join(host.dataDir, 'Trash'));
    this.unpushedStore = host.unpushed ?? new UnpushedStore(host.dataDir);
    this.audit = host.audit ?? new AuditLog(host.dataDir, { source: host.platform === 'browser' ? 'browser' : 'app' });
    this.batcher = new EventBatcher(
      {
        state: () => this.snapshot(),
        apps: () => this.index.appFolders(),
        problems: () => this.index.problems(),
        unpushed: () => this.unpushedCount(),
      },
      (e) => this.emit(e),
    );
  }

  // ---- events --------------------------------------------------------------

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

  // ---- opening and closing -------------------------------------------------

  async open(dir: string, isDemo = false): Promise<WorkspaceState> {
    const generation = this.stop();
    this.index = new SessionIndex();
    this.isDemo = isDemo;
    this.displayRoot = dir;
    let root: string;
    let folders: string[];
    try {
      root = await resolveMobileAppsRoot(dir);
      folders = await listAppFolders(root);
    } catch (err) {
      if (generation !== this.generation) throw err;
      const info = toErrorInfo(err);
      this.root = null;
      this.setPhase('error', info.message);
      throw err instanceof ApiError ? err : new ApiError('no-folder', info.message);
    }
    if (generation !== this.generation) return this.snapshot();
    await this.unpushedStore.load();
    this.root = root;
    this.displayRoot = root;
    this.setPhase('scanning', null);
    this.batcher.unpushed();

    const updater = new IndexUpdater(root, this.index, this.batcher);
    updater.streamApps = new Set();
    this.updater = updater;
    for (const app of folders) this.index.ensureApp(app); // changes during the scan wait for their folder
    if ((this.host.watchMode ?? 'native') === 'native') await this.startWatching(root, folders);
    if (generation !== this.generation) return this.snapshot();

    const stats = await this.runScan(root, folders, (chunk) => updater.applyChunk(chunk));
    if (generation !== this.generation) return this.snapshot();
    this.timings.scan = stats;
    updater.streamApps = null;
    if (this.host.watchMode === 'polling') await this.startWatching(root, folders);
    if (generation !== this.generation) return this.snapshot();
    this.setPhase('ready', null);
    this.batcher.flush(); // listeners hold every session by the time open() resolves
    this.host.onFolderOpened?.(root, isDemo);
    return this.snapshot();
  }

  async openDemo(): Promise<WorkspaceState> {
    const parent = join(this.host.dataDir, 'demo');
    const root = join(parent, 'MobileApps');
    if (!existsSync(root)) await writeDemoFolder(parent, { withProblems: true });
    return this.open(root, true);
  }

  /** Stops watchers, workers and timers; no handle stays open. */
  async close(): Promise<void> {
    this.stop();
    this.batcher.flush();
    this.batcher.close();
    await this.unpushedStore.flushed();
    await this.auditSettled();
  }

  private stop(): number {
    this.generation++;
    this.scan?.cancel();
    this.scan = null;
    this.watcher?.close();
    this.watcher = null;
    this.updater?.close();
    this.updater = null;
    return this.generation;
  }

  /**
   * Watches the root and every app folder. One fs.watch costs ~0.25 ms, so 100 app
   * folders are added in slices (yielding between them) rather than in one 25 ms block;
   * open() awaits this before scanning, so no change during the scan is missed.
   */
  private async startWatching(root: string, folders: string[]): Promise<void> {
    const t0 = performance.now();
    const updater = this.updater;
    if (!updater) return;
    const generation = this.generation;
    let watcher: FolderWatcher;
    if (this.host.watchMode === 'polling') {
      const poller = new PollingWatcher(root, updater, (app) => this.index.known(app), {
        intervalMs: this.host.pollIntervalMs ?? 1000,
      });
      void poller.ready.then(() => (this.timings.watchReadyMs = performance.now() - t0));
      watcher = poller;
    } else {
      watcher = new NativeWatcher(root, updater);
    }
    updater.watcher = watcher;
    this.watcher = watcher; // stop() closes it, even half set up
    let slice = performance.now();
    for (const app of folders) {
      if (performance.now() - slice >= WATCH_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        if (generation !== this.generation) return;
        slice = performance.now();
      }
      watcher.addApp(app);
    }
    if (this.host.watchMode !== 'polling') this.timings.watchReadyMs = performance.now() - t0;
  }

  private async runScan(root: string, folders: string[], onChunk: Parameters<typeof startScan>[2]): Promise<ScanStats> {
    const handle = startScan(root, folders, onChunk);
    this.scan = handle;
    const stats = await handle.done;
    if (this.scan === handle) this.scan = null;
    return stats;
  }

  private setPhase(phase: WorkspacePhase, error: string | null): void {
    this.phase = phase;
    this.error = error;
    this.batcher.state();
  }

  private snapshot(): WorkspaceState {
    return {
      phase: this.phase,
      root: this.displayRoot,
      isDemo: this.isDemo,
      error: this.error,
      watchMode: this.host.watchMode ?? 'native',
      apps: this.index.appFolders(),
      problems: this.index.problems(),
      unpushed: this.unpushedCount(),
      host: this.host.platform,
      version: this.host.version,
    };
  }

  // ---- approval inbox and audit log ------------------------------------------------

  async listPending(): Promise<SessionRecord[]> {
    return pendingNewestFirst([...this.index.apps.values()].map((entry) => entry.sessions));
  }

  async readAuditLog(query: AuditQuery): Promise<AuditEntry[]> {
    await this.auditSettled(); // the log shows every action that has returned
    return (await this.audit.read(query)).entries;
  }

  private async auditSettled(): Promise<void> {
    await Promise.all([...this.auditWrites]);
  }

  private requireRoot(): string {
    if (this.root === null) throw new ApiError('no-folder', 'No MobileApps folder is open.');
    return this.root;
  }

  // ---- reading ---------------------------------------------------------------

  async getState(): Promise<WorkspaceState> {
    return this.snapshot();
  }

  async listSessions(app: string): Promise<SessionRecord[]> {
    const root = this.requireRoot();
    appPath(root, app); // refuses names that are not one plain folder name
    const entry = this.index.apps.get(app);
    if (!entry) throw new ApiError('not-found', `There is no app folder "${app}" in ${root}.`);
    this.updater?.streamApps?.add(app); // the rest of its scan now arrives as 'sessions' events
    return [...entry.sessions.values()];
  }

  async getSession(ref: SessionRef): Promise<SessionDetail> {
    const root = this.requireRoot();
    const path = sessionPath(root, ref);
    await assertInsideRoot(root, path);
    const label = `Session ${ref.id} of app ${ref.app}`;
    let bytes: Buffer;
    let stat: { mtimeMs: number; size: number };
    try {
      const fh = await openFile(path, 'r');
      try {
        const st = await fh.stat();
        if (!st.isFile()) throw new ApiError('not-found', `${label} is not a file.`);
        stat = { mtimeMs: st.mtimeMs, size: st.size };
        bytes = st.size > MAX_SESSION_BYTES ? Buffer.alloc(0) : await fh.readFile();
      } finally {
        await fh.close();
      }
    } catch (err) {
      if (err instanceof ApiError) throw err;
      const code = (err as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new ApiError('not-found', `${label} no longer exists on disk.`);
      throw new ApiError('io', `${label} cannot be read (${String(code ?? err)}).`);
    }
    const parsed = parseSessionBytes(ref.app, ref.id, bytes, { mtimeMs: stat.mtimeMs, size: bytes.length || stat.size });
    if (!parsed.ok) throw new ApiError('invalid-session', `${label}: ${parsed.reason}`);
    return { record: parsed.record, json: parsed.json, location: path };
  }

  // ---- edits -------------------------------------------------------------------

  async setStatus(refs: SessionRef[], status: SessionStatus): Promise<ActionResult> {
    if (!sessionStatus.safeParse(status).success) {
      throw new ApiError('invalid-argument', `Status ${JSON.stringify(status)} is not "accepted" or "pending".`);
    }
    const root = this.requireRoot();
    const prev: { ref: SessionRef; value: SessionStatus | null }[] = [];
    const result = await this.forEachRef(refs, async (ref) => {
      const before = await this.editAndApply(root, ref, { status });
      prev.push({ ref, value: before.status });
    });
    const action = this.recordAction(root, 'status', result, { kind: 'status', root, prev });
    this.logAction(action, { folder: root, action: 'set-status', sessions: prev.map((p) => change(p.ref, p.value, status)) });
    return action;
  }

  async setEmail(refs: SessionRef[], email: string): Promise<ActionResult> {
    if (!emailValue.safeParse(email).success) {
      throw new ApiError('invalid-argument', `${JSON.stringify(email)} is not a plausible e-mail address (or empty).`);
    }
    const root = this.requireRoot();
    const prev: { ref: SessionRef; value: string }[] = [];
    const result = await this.forEachRef(refs, async (ref) => {
      const before = await this.editAndApply(root, ref, { email });
      prev.push({ ref, value: before.email });
    });
    const action = this.recordAction(root, 'email', result, { kind: 'email', root, prev });
    this.logAction(action, { folder: root, action: 'set-email', sessions: prev.map((p) => change(p.ref, p.value, email)) });
    return action;
  }

  async deleteSessions(refs: SessionRef[]): Promise<ActionResult> {
    const root = this.requireRoot();
    const deleted: DeletedSession[] = [];
    const result = await this.forEachRef(refs, async (ref) => {
      const d = await deleteSessionFile(root, ref, this.trash);
      deleted.push(d);
      if (this.root === root) this.updater?.removeFile(ref.app, ref.id);
    });
    const action = this.recordAction(root, 'delete', result, { kind: 'delete', root, deleted });
    const sessions = deleted.map((d) => ({ app: d.ref.app, id: d.ref.id, before: deletedSummary(d) }));
    this.logAction(action, { folder: root, action: 'delete', sessions });
    return action;
  }

  async undo(actionId: string): Promise<ActionResult> {
    const entry = this.undoLog.get(actionId);
    const root = this.requireRoot();
    if (!entry || entry.root !== root) {
      throw new ApiError('not-found', 'This action can no longer be undone (it is too old, or from another folder or session).');
    }
    this.undoLog.delete(actionId);
    const changes: AuditSessionChange[] = [];
    let result: Omit<ActionResult, 'actionId'>;
    // Maps by ref key: a bulk undo of 100,000 sessions must not search a list per session.
    if (entry.kind === 'delete') {
      const byKey = new Map(entry.deleted.map((d) => [refKey(d.ref), d]));
      result = await this.forEachRef(entry.deleted.map((d) => d.ref), async (ref) => {
        const d = byKey.get(refKey(ref)) as DeletedSession;
        await this.restoreAndReindex(root, d);
        changes.push({ app: ref.app, id: ref.id, before: null, after: deletedSummary(d) });
      });
    } else if (entry.kind === 'status') {
      const byKey = new Map(entry.prev.map((p) => [refKey(p.ref), p.value]));
      result = await this.forEachRef(entry.prev.map((p) => p.ref), async (ref) => {
        const value = byKey.get(refKey(ref)) ?? null;
        if (value === null) throw new ApiError('invalid-session', 'The previous status was not a valid value; it cannot be restored.');
        const before = await this.editAndApply(root, ref, { status: value });
        changes.push(change(ref, before.status, value));
      });
    } else {
      const byKey = new Map(entry.prev.map((p) => [refKey(p.ref), p.value]));
      result = await this.forEachRef(entry.prev.map((p) => p.ref), async (ref) => {
        const value = byKey.get(refKey(ref)) ?? '';
        const before = await this.editAndApply(root, ref, { email: value });
        changes.push(change(ref, before.email, value));
      });
    }
    // Not pushed yet: the change never reaches the server, so it no longer counts.
    // Already pushed: the undo is itself a change the server has not seen.
    if (this.unpushedStore.has(root, actionId)) void this.unpushedStore.remove(root, actionId);
    else if (result.done.length > 0) void this.unpushedStore.add(root, { id: randomUUID(), kind: 'undo', refs: result.done, at: new Date().toISOString() });
    this.batcher.unpushed();
    if (changes.length > 0) this.logAudit({ folder: root, action: 'undo', undoes: actionId, sessions: changes });
    return { actionId: null, ...result };
  }

  /** One audit entry per action that changed something, under the action's own id (the undo id). */
  private logAction(result: ActionResult, input: AuditEntryInput): void {
    if (result.actionId === null || input.sessions.length === 0) return;
    this.logAudit({ ...input, actionId: result.actionId });
  }

  /**
   * The audit log is a record, not a gate: a failure to write it never undoes or fails
   * the action, and the action does not wait for its fsync (the entry is queued in
   * order at once, so it keeps the action's time and order).
   */
  private logAudit(input: AuditEntryInput): void {
    this.trackAudit(this.audit.append(input), `a "${input.action}" action of ${input.sessions.length} session(s)`);
  }

  private trackAudit(append: Promise<unknown>, what: string): void {
    const write = append.then(
      () => undefined,
      (err: unknown) => console.warn(`The audit log could not record ${what}: ${toErrorInfo(err).message}`),
    );
    this.auditWrites.add(write);
    void write.then(() => this.auditWrites.delete(write));
  }

  /** Edits one file, updates the index at once (not waiting for the watcher); returns the previous record. */
  private async editAndApply(root: string, ref: SessionRef, edit: { status?: SessionStatus; email?: string }): Promise<SessionRecord> {
    const out = await this.ownWrite(root, ref, () => editSessionFile(root, ref, edit), (o) => ({ mtimeMs: o.mtimeMs, size: o.after.length }));
    const before = parseSessionBytes(ref.app, ref.id, out.before, { mtimeMs: 0, size: out.before.length });
    const after = parseSessionBytes(ref.app, ref.id, out.after, { mtimeMs: out.mtimeMs, size: out.after.length });
    if (after.ok && this.root === root) this.updater?.upsertRecord(after.record);
    if (!before.ok) throw new ApiError('internal', `Session ${ref.id} was edited but its previous content could not be parsed.`);
    return before.record;
  }

  /**
   * Runs one write of ours to a session file, telling the updater so the watcher's echo
   * of it is never announced as a new pending session. `fingerprint` is what we wrote.
   */
  private async ownWrite<T>(root: string, ref: SessionRef, write: () => Promise<T>, fingerprint: (out: T) => { mtimeMs: number; size: number } | null): Promise<T> {
    const updater = this.root === root ? this.updater : null;
    updater?.beginOwnWrite(ref.app, ref.id);
    let written: { mtimeMs: number; size: number } | null = null;
    try {
      const out = await write();
      written = fingerprint(out);
      return out;
    } finally {
      updater?.endOwnWrite(ref.app, ref.id, written);
    }
  }

  /** Undo of a delete: puts the exact bytes back and indexes them (never a "new pending" session). */
  private async restoreAndReindex(root: string, d: DeletedSession): Promise<void> {
    const { ref } = d;
    await this.ownWrite(root, ref, async () => {
      await restoreSessionFile(root, d);
      const res = await readSessionAsync(root, ref.app, ref.id);
      if (this.root !== root || !this.updater) return null;
      if (res.kind === 'record') this.updater.upsertRecord(res.record, res.appName);
      else this.updater.markDirty(ref.app, ref.id);
      return res.kind === 'record' ? { mtimeMs: res.record.mtimeMs, size: res.record.size } : null;
    }, (written) => written);
  }

  /** Runs `fn` for each distinct ref, a few at a time; collects per-ref failures. */
  private async forEachRef(refs: SessionRef[], fn: (ref: SessionRef) => Promise<void>): Promise<Omit<ActionResult, 'actionId'>> {
    const unique = new Map<string, SessionRef>();
    for (const r of refs) unique.set(`${r.app}/${r.id}`, { app: r.app, id: r.id });
    const list = [...unique.values()];
    const done: SessionRef[] = [];
    const failed: ActionFailure[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < list.length) {
        const ref = list[next++] as SessionRef;
        try {
          await fn(ref);
          done.push(ref);
        } catch (err) {
          failed.push({ ref, error: toErrorInfo(err) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(ACTION_CONCURRENCY, list.length) }, lane));
    return { done, failed };
  }

  private recordAction(root: string, kind: UnpushedKind, result: Omit<ActionResult, 'actionId'>, undo: UndoEntry): ActionResult {
    if (result.done.length === 0) return { actionId: null, ...result };
    const actionId = randomUUID();
    this.undoLog.set(actionId, undo);
    if (this.undoLog.size > MAX_UNDO) this.undoLog.delete(this.undoLog.keys().next().value as string);
    void this.unpushedStore.add(root, { id: actionId, kind, refs: result.done, at: new Date().toISOString() });
    this.batcher.unpushed();
    return { actionId, ...result };
  }

  private unpushedCount(): number {
    return this.root === null ? 0 : this.unpushedStore.count(this.root);
  }

  // ---- refresh ---------------------------------------------------------------------

  async refresh(): Promise<WorkspaceState> {
    const root = this.requireRoot();
    const updater = this.updater;
    if (!updater) throw new ApiError('no-folder', 'No MobileApps folder is open.');
    const generation = this.generation;
    let folders: string[];
    try {
      folders = await listAppFolders(root);
    } catch (err) {
      this.setPhase('error', toErrorInfo(err).message);
      throw err instanceof ApiError ? err : new ApiError('no-folder', toErrorInfo(err).message);
    }
    this.setPhase('scanning', null);
    // Scan into a fresh index; files the watcher reports meanwhile are re-read after the swap.
    const fresh = new SessionIndex();
    const touched = new Set<string>();
    updater.touched = touched;
    const stats = await this.runScan(root, folders, (chunk) => {
      const e = fresh.ensureApp(chunk.app);
      for (const r of chunk.records) fresh.upsert(r);
      for (const p of chunk.problems) fresh.setProblem(p);
      if (chunk.info) fresh.setInfo(chunk.app, chunk.info);
      if (chunk.done) e.scanned = true;
    });
    if (generation !== this.generation) return this.snapshot();
    updater.touched = null;
    this.timings.scan = stats;
    this.swapIndex(fresh);
    updater.index = fresh;
    for (const key of touched) {
      const slash = key.indexOf('/');
      updater.markDirty(key.slice(0, slash), key.slice(slash + 1));
    }
    this.setPhase('ready', null);
    this.batcher.flush();
    return this.snapshot();
  }

  /** Replaces the index and emits what differs, app by app. */
  private swapIndex(fresh: SessionIndex): void {
    const old = this.index;
    this.index = fresh;
    for (const [app, entry] of fresh.apps) {
      const before = old.apps.get(app);
      const upserted: SessionRecord[] = [];
      for (const [id, r] of entry.sessions) {
        const o = before?.sessions.get(id);
        if (!o || o.mtimeMs !== r.mtimeMs || o.size !== r.size || o.status !== r.status || o.email !== r.email) upserted.push(r);
        // A session found by the rescan that was not pending before is news, like a watcher's.
        if (this.updater?.isNewPending(r, o)) this.batcher.newPending(r);
      }
      const removed = before ? [...before.sessions.keys()].filter((id) => !entry.sessions.has(id)) : [];
      this.batcher.upsert(app, upserted);
      this.batcher.remove(app, removed);
      if (!before) this.watcher?.addApp(app);
    }
    for (const [app, entry] of old.apps) {
      if (fresh.apps.has(app)) continue;
      this.batcher.remove(app, [...entry.sessions.keys()]);
      this.watcher?.removeApp(app);
    }
  }

  // ---- desktop integration -----------------------------------------------------------

  async reveal(ref: SessionRef): Promise<RevealResult> {
    const root = this.requireRoot();
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

  // ---- push ----------------------------------------------------------------------------

  async preflight(): Promise<PreflightReport> {
    const root = this.requireRoot();
    const refs = new Map<string, SessionRef>();
    for (const action of this.unpushedStore.actions(root)) for (const r of action.refs) refs.set(`${r.app}/${r.id}`, r);
    const issues: PreflightReport['issues'] = [];
    let checked = 0;
    for (const ref of refs.values()) {
      let detail: SessionDetail;
      try {
        detail = await this.getSession(ref);
      } catch {
        continue; // deleted (the server drops it, as intended) or a problem (listed below)
      }
      checked++;
      const warnings = checkSession(ref.app, ref.id, detail.json);
      if (warnings.length > 0) issues.push({ ref, warnings });
    }
    return { checked, issues, problems: this.index.problems() };
  }

  async push(): Promise<PushResult> {
    const root = this.requireRoot();
    const startedAt = new Date();
    const result = await this.pushService().push(root);
    if (result.outcome === 'success' && this.root === root) {
      await this.unpushedStore.clear(root);
      this.batcher.unpushed();
    }
    this.logPush(root, startedAt, result);
    return result;
  }

  /**
   * A successful push covers the changes logged before it started (the server read the
   * files after that); a change made while it ran may or may not be on the server, so it
   * stays "not pushed". Log times have millisecond precision: the push covers up to the
   * millisecond before it started, so a change in that same millisecond is never claimed.
   */
  private logPush(root: string, startedAt: Date, result: PushResult): void {
    if (result.outcome === 'not-configured') return; // nothing was attempted
    const append =
      result.outcome === 'success'
        ? this.audit.markPushed(root, new Date(startedAt.getTime() - 1), { message: result.message })
        : this.audit.recordFailedPush(root, result.outcome, result.message);
    this.trackAudit(append, 'the push');
  }

  async testConnection(): Promise<PushResult> {
    return this.pushService().testConnection(this.requireRoot());
  }

  async getPushSettings(): Promise<PushSettingsView> {
    return this.pushService().getSettings(this.requireRoot());
  }

  async setPushSettings(input: PushSettingsInput): Promise<PushSettingsView> {
    return this.pushService().setSettings(this.requireRoot(), input);
  }

  private pushService(): PushService {
    return this.host.push ?? noPushService;
  }
}

/** App folders of a root, sorted; symlinked folders and dot-folders are skipped. */
async function listAppFolders(root: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new ApiError('no-folder', `The folder ${root} cannot be read (${String(code ?? err)}).`);
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

function refKey(ref: SessionRef): string {
  return `${ref.app}/${ref.id}`;
}

function change(ref: SessionRef, before: AuditValue, after: AuditValue): AuditSessionChange {
  return { app: ref.app, id: ref.id, before, after };
}

/** What the audit log keeps of a deleted session: enough to recognise it, not the whole file. */
function deletedSummary(d: DeletedSession): AuditValue {
  const parsed = parseSessionBytes(d.ref.app, d.ref.id, d.bytes, { mtimeMs: d.mtimeMs, size: d.bytes.length });
  if (!parsed.ok) return { size: d.bytes.length };
  const r = parsed.record;
  return { status: r.status, email: r.email, device: r.deviceDescription, os: r.os };
}

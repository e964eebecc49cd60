// An in-memory SessionClient for renderer tests and the UI preview: a few apps and
// sessions, events emitted like the engine's, recorded calls, and injectable failures.

import type { SessionClient } from '../../../shared/api';
import type { AuditEntry, AuditQuery } from '../../../shared/audit';
import { ApiError } from '../../../shared/api-error';
import type {
  ActionResult,
  AppFolder,
  EngineEvent,
  FolderSummary,
  HostPlatform,
  OverwrittenChange,
  PreflightReport,
  Problem,
  PushResult,
  PushSettingsInput,
  PushSettingsView,
  SessionDetail,
  SessionRecord,
  SessionRef,
  SessionSearchResult,
  SessionStatus,
  WorkspaceState,
} from '../../../shared/types';
import type { RecheckResult, WatchInfo, WatchPreference } from '../../../shared/types';
import type { ProblemRef, RevealResult, SessionPage, SessionPageRequest } from '../../../shared/types';
import { searchTerms, searchTextOf } from '../../../shared/session-filter';
import { sampleData, T0 } from './sample-sessions';

export interface FakeCall {
  method: string;
  args: unknown[];
}

type Listener = (event: EngineEvent) => void;

// Re-exported: tests and bench/table.ts take the samples from here with the client.
export { makeRecord, manySessions, sampleData } from './sample-sessions';

export interface FakeOptions {
  host?: HostPlatform;
  isDemo?: boolean;
  phase?: WorkspaceState['phase'];
  error?: string | null;
  data?: ReturnType<typeof sampleData>;
  unpushed?: number;
}

export class FakeClient implements SessionClient {
  readonly calls: FakeCall[] = [];
  private listeners = new Set<Listener>();
  readonly sessions = new Map<string, Map<string, SessionRecord>>();
  private apps: Omit<AppFolder, 'counts'>[];
  problems: Problem[];
  unpushed: number;
  host: HostPlatform;
  isDemo: boolean;
  phase: WorkspaceState['phase'];
  error: string | null;
  /** Next results of push(), consumed in order; success when empty. */
  pushResults: PushResult[] = [];
  preflightReport: PreflightReport = { checked: 0, issues: [], problems: [], rules: { source: 'built-in' } };
  settings: PushSettingsView = {
    url: '',
    timeoutMs: 10_000,
    hasSecret: false,
    secretSource: 'none',
    fourDInstallPath: '',
    checkRules: { source: 'built-in' },
  };
  private failures = new Map<string, ApiError>();
  private trash = new Map<string, SessionRecord[]>();
  private actions = 0;
  private now = T0;

  constructor(opts: FakeOptions = {}) {
    const data = opts.data ?? sampleData();
    this.apps = data.apps;
    this.problems = data.problems;
    for (const a of data.apps) this.sessions.set(a.folder, new Map());
    for (const s of data.sessions) this.sessions.get(s.app)?.set(s.id, s);
    this.unpushed = opts.unpushed ?? 0;
    this.host = opts.host ?? 'darwin';
    this.isDemo = opts.isDemo ?? false;
    this.phase = opts.phase ?? 'ready';
    this.error = opts.error ?? null;
  }

  /** Makes the next call of `method` throw this error. */
  failNext(method: string, error: ApiError): void {
    this.failures.set(method, error);
  }

  private record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
    const fail = this.failures.get(method);
    if (fail) {
      this.failures.delete(method);
      throw fail;
    }
  }

  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  emit(event: EngineEvent): void {
    for (const l of this.listeners) l(event);
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  appFolders(): AppFolder[] {
    return this.apps.map((a) => {
      const list = [...(this.sessions.get(a.folder)?.values() ?? [])];
      const pending = list.filter((s) => s.status === 'pending').length;
      return {
        ...a,
        counts: {
          total: list.length,
          pending,
          accepted: list.filter((s) => s.status === 'accepted').length,
          problems: this.problems.filter((p) => p.app === a.folder).length,
        },
      };
    });
  }

  snapshot(): WorkspaceState {
    return {
      phase: this.phase,
      root: this.phase === 'none' ? null : '/srv/4d/Data/MobileApps',
      isDemo: this.isDemo,
      error: this.error,
      watchMode: this.watch?.mode ?? 'native',
      ...(this.watch ? { watch: this.watch } : {}),
      apps: this.phase === 'ready' ? this.appFolders() : [],
      problems: this.phase === 'ready' ? this.problems : [],
      unpushed: this.unpushed,
      host: this.host,
      version: '0.1.0',
    };
  }

  /** Writes a session as an external process would, and emits the delta. */
  upsertExternal(rec: SessionRecord): void {
    this.sessions.get(rec.app)?.set(rec.id, rec);
    this.emit({ type: 'sessions', app: rec.app, upserted: [rec], removed: [] });
    this.emit({ type: 'apps', apps: this.appFolders() });
  }

  removeExternal(ref: SessionRef): void {
    this.sessions.get(ref.app)?.delete(ref.id);
    this.emit({ type: 'sessions', app: ref.app, upserted: [], removed: [ref.id] });
    this.emit({ type: 'apps', apps: this.appFolders() });
  }

  private bumpUnpushed(): void {
    this.unpushed += 1;
    this.emit({ type: 'unpushed', count: this.unpushed });
  }

  private edit(refs: SessionRef[], change: (r: SessionRecord) => SessionRecord): ActionResult {
    const done: SessionRef[] = [];
    const unchanged: SessionRef[] = [];
    const failed: ActionResult['failed'] = [];
    const byApp = new Map<string, SessionRecord[]>();
    for (const ref of refs) {
      const cur = this.sessions.get(ref.app)?.get(ref.id);
      if (!cur) {
        failed.push({ ref, error: { code: 'not-found', message: `Session ${ref.id} is gone.` } });
        continue;
      }
      const wanted = change(cur);
      if (wanted.status === cur.status && wanted.email === cur.email) {
        done.push(ref); // as the engine: already had the value, the file is left as it is
        unchanged.push(ref);
        continue;
      }
      this.now += 1000;
      const next = { ...wanted, mtimeMs: this.now };
      this.sessions.get(ref.app)!.set(ref.id, next);
      byApp.set(ref.app, [...(byApp.get(ref.app) ?? []), next]);
      done.push(ref);
    }
    for (const [app, upserted] of byApp) this.emit({ type: 'sessions', app, upserted, removed: [] });
    if (byApp.size > 0) {
      this.emit({ type: 'apps', apps: this.appFolders() });
      this.bumpUnpushed();
    }
    this.actions += 1;
    const changed = done.length > unchanged.length;
    const result: ActionResult = { actionId: changed ? `action-${this.actions}` : null, done, failed };
    return unchanged.length > 0 ? { ...result, unchanged } : result;
  }

  async getState(): Promise<WorkspaceState> {
    this.record('getState', []);
    return this.snapshot();
  }

  async listSessions(app: string): Promise<SessionRecord[]> {
    this.record('listSessions', [app]);
    const m = this.sessions.get(app);
    if (!m) throw new ApiError('not-found', `No app folder "${app}".`);
    return [...m.values()];
  }

  /** Pages of one listing, from the moment of the first page (as the engine's snapshot). */
  private readonly listings = new Map<string, SessionRecord[]>();

  async listSessionsPage(app: string, page: SessionPageRequest): Promise<SessionPage> {
    this.record('listSessionsPage', [app, page]);
    const [id = `${this.listings.size + 1}`, at = '0'] = page.cursor?.split(':') ?? [];
    const records = page.cursor === null ? await this.listSessions(app) : this.listings.get(id);
    if (!records) throw new ApiError('not-found', 'This listing is no longer available.');
    const end = Math.min(records.length, Number(at) + page.size);
    const next = end < records.length ? `${id}:${end}` : null;
    if (next) this.listings.set(id, records);
    else this.listings.delete(id);
    return { records: records.slice(Number(at), end), total: records.length, next };
  }

  async getSession(ref: SessionRef): Promise<SessionDetail> {
    this.record('getSession', [ref]);
    const r = this.sessions.get(ref.app)?.get(ref.id);
    if (!r) throw new ApiError('not-found', `Session ${ref.id} is gone.`);
    return {
      record: r,
      location: `/srv/4d/Data/MobileApps/${ref.app}/${ref.id}`,
      json: {
        application: { id: 'com.contactApp.Contact', name: 'Contact', version: r.appVersion },
        team: { id: 'UTT7VDX8W5' },
        language: { id: r.language, code: r.language.slice(0, 2), region: r.language.slice(3) },
        email: r.email,
        device: {
          description: r.deviceDescription,
          version: r.osVersion,
          id: r.deviceId,
          os: r.os,
          simulator: r.simulator,
        },
        send: 'link',
        session: { id: r.id, ip: r.ip },
        status: r.status,
        token: 'eyJhcHBOYW1lSUQiOiJjb20uY29udGFjdEFwcC5Db250YWN0In0',
        userInfo: { role: 'sales', region: 'EMEA' },
      },
    };
  }

  async setStatus(refs: SessionRef[], status: SessionStatus): Promise<ActionResult> {
    this.record('setStatus', [refs, status]);
    return this.edit(refs, (r) => ({ ...r, status }));
  }

  async setEmail(refs: SessionRef[], email: string): Promise<ActionResult> {
    this.record('setEmail', [refs, email]);
    return this.edit(refs, (r) => ({ ...r, email }));
  }

  async deleteSessions(refs: SessionRef[]): Promise<ActionResult> {
    this.record('deleteSessions', [refs]);
    const done: SessionRef[] = [];
    const gone: SessionRecord[] = [];
    for (const ref of refs) {
      const cur = this.sessions.get(ref.app)?.get(ref.id);
      if (!cur) continue;
      this.sessions.get(ref.app)!.delete(ref.id);
      gone.push(cur);
      done.push(ref);
      this.emit({ type: 'sessions', app: ref.app, upserted: [], removed: [ref.id] });
    }
    if (!done.length) return { actionId: null, done, failed: [] };
    this.actions += 1;
    const actionId = `action-${this.actions}`;
    this.trash.set(actionId, gone);
    this.emit({ type: 'apps', apps: this.appFolders() });
    this.bumpUnpushed();
    return { actionId, done, failed: [] };
  }

  async undo(actionId: string): Promise<ActionResult> {
    this.record('undo', [actionId]);
    if (this.problemTrash.has(actionId)) return this.undoProblems(actionId);
    const gone = this.trash.get(actionId) ?? [];
    this.trash.delete(actionId);
    for (const r of gone) {
      this.sessions.get(r.app)?.set(r.id, r);
      this.emit({ type: 'sessions', app: r.app, upserted: [r], removed: [] });
    }
    if (gone.length) this.emit({ type: 'apps', apps: this.appFolders() });
    return { actionId: null, done: gone.map((r) => ({ app: r.app, id: r.id })), failed: [] };
  }

  async refresh(): Promise<WorkspaceState> {
    this.record('refresh', []);
    return this.snapshot();
  }

  async reveal(ref: SessionRef): Promise<{ shown: boolean; location: string }> {
    this.record('reveal', [ref]);
    return { shown: this.host !== 'browser', location: `/srv/4d/Data/MobileApps/${ref.app}/${ref.id}` };
  }

  async chooseFolder(): Promise<WorkspaceState | null> {
    this.record('chooseFolder', []);
    if (this.host === 'browser') throw new ApiError('unsupported', 'Choose the folder with --dir.');
    return null;
  }

  async openDemo(): Promise<WorkspaceState> {
    this.record('openDemo', []);
    this.isDemo = true;
    this.phase = 'ready';
    return this.snapshot();
  }

  async preflight(): Promise<PreflightReport> {
    this.record('preflight', []);
    return this.preflightReport;
  }

  async push(): Promise<PushResult> {
    this.record('push', []);
    const result = this.pushResults.shift() ?? { outcome: 'success', message: 'OK', httpStatus: 200, durationMs: 42 };
    if (result.outcome === 'success') {
      this.unpushed = 0;
      this.emit({ type: 'unpushed', count: 0 });
    }
    return result;
  }

  async testConnection(): Promise<PushResult> {
    this.record('testConnection', []);
    return { outcome: 'success', message: 'OK', httpStatus: 200, durationMs: 37 };
  }

  async getPushSettings(): Promise<PushSettingsView> {
    this.record('getPushSettings', []);
    return this.settings;
  }

  async setPushSettings(input: PushSettingsInput): Promise<PushSettingsView> {
    this.record('setPushSettings', [input]);
    const hasSecret = input.secret === undefined ? this.settings.hasSecret : input.secret !== '';
    const fourDInstallPath = input.fourDInstallPath ?? this.settings.fourDInstallPath;
    this.settings = {
      ...this.settings,
      url: input.url,
      timeoutMs: input.timeoutMs,
      hasSecret,
      secretSource: hasSecret ? 'keychain' : 'none',
      fourDInstallPath,
    };
    return this.settings;
  }

  /** Entries readAuditLog returns (newest first); tests fill it. */
  auditEntries: AuditEntry[] = [];

  async readAuditLog(query: AuditQuery): Promise<AuditEntry[]> {
    this.record('readAuditLog', [query]);
    return this.auditEntries.slice(0, query.limit ?? this.auditEntries.length);
  }

  /** Pending sessions of other open folders (records with `folder`), listed by listPending beside this folder's own. */
  otherFolderPending: SessionRecord[] = [];

  async recheck(): Promise<RecheckResult> {
    this.record('recheck', []);
    return { files: [...this.sessions.values()].reduce((n, m) => n + m.size, 0), changed: 0 };
  }

  async listPending(): Promise<SessionRecord[]> {
    this.record('listPending', []);
    const all = [...this.sessions.values()].flatMap((m) => [...m.values()]);
    return [...all.filter((s) => s.status === 'pending'), ...this.otherFolderPending].sort(
      (a, b) => b.mtimeMs - a.mtimeMs,
    );
  }

  /** Overwritten changes listOverwritten returns; tests fill it (emit an 'overwritten' event to announce a change). */
  overwritten: OverwrittenChange[] = [];

  async listOverwritten(): Promise<OverwrittenChange[]> {
    this.record('listOverwritten', []);
    return this.overwritten;
  }

  async reapplyOverwritten(refs: SessionRef[]): Promise<ActionResult> {
    this.record('reapplyOverwritten', [refs]);
    return this.settleOverwritten(refs);
  }

  async dismissOverwritten(refs: SessionRef[]): Promise<ActionResult> {
    this.record('dismissOverwritten', [refs]);
    return this.settleOverwritten(refs);
  }

  /** Problems moved to the trash by trashProblems, by action id (undo puts them back). */
  private problemTrash = new Map<string, Problem[]>();

  async revealProblem(ref: ProblemRef): Promise<RevealResult> {
    this.record('revealProblem', [ref]);
    return { shown: this.host !== 'browser', location: `/srv/4d/Data/MobileApps/${ref.app}/${ref.file}` };
  }

  async trashProblems(refs: ProblemRef[]): Promise<ActionResult> {
    this.record('trashProblems', [refs]);
    const keys = new Set(refs.map((r) => `${r.app}/${r.file}`));
    const gone = this.problems.filter((p) => keys.has(`${p.app}/${p.file}`));
    if (gone.length === 0) return { actionId: null, done: [], failed: [] };
    this.problems = this.problems.filter((p) => !keys.has(`${p.app}/${p.file}`));
    this.actions += 1;
    const actionId = `action-${this.actions}`;
    this.problemTrash.set(actionId, gone);
    this.emit({ type: 'problems', problems: this.problems });
    return { actionId, done: gone.map((p) => ({ app: p.app, id: p.file })), failed: [] };
  }

  private undoProblems(actionId: string): ActionResult {
    const back = this.problemTrash.get(actionId) ?? [];
    this.problemTrash.delete(actionId);
    this.problems = [...this.problems, ...back];
    this.emit({ type: 'problems', problems: this.problems });
    return { actionId: null, done: back.map((p) => ({ app: p.app, id: p.file })), failed: [] };
  }

  private settleOverwritten(refs: SessionRef[]): ActionResult {
    const keys = new Set(refs.map((r) => `${r.app}/${r.id}`));
    const done = this.overwritten.filter((c) => keys.has(`${c.ref.app}/${c.ref.id}`)).map((c) => c.ref);
    this.overwritten = this.overwritten.filter((c) => !keys.has(`${c.ref.app}/${c.ref.id}`));
    this.emit({ type: 'overwritten', sessions: this.overwritten });
    return { actionId: null, done, failed: [] };
  }

  async searchSessions(query: string, limit: number): Promise<SessionSearchResult> {
    this.record('searchSessions', [query, limit]);
    const terms = searchTerms(query);
    const all = [...this.sessions.values()].flatMap((m) => [...m.values()]);
    const found = terms.length
      ? all.filter((r) => terms.every((w) => searchTextOf(r).includes(w))).sort((a, b) => b.mtimeMs - a.mtimeMs)
      : [];
    const name = (app: string) => this.apps.find((a) => a.folder === app)?.name ?? app;
    return {
      hits: found.slice(0, limit).map((record) => ({ record, appName: name(record.app) })),
      total: found.length,
    };
  }

  // ---- several folders (tests set `folders`; by default the one folder of the snapshot) ----

  folders: FolderSummary[] | null = null;

  private folderList(): FolderSummary[] {
    if (this.folders) return this.folders;
    const st = this.snapshot();
    const label = st.root?.split('/').filter(Boolean).at(-1) ?? 'MobileApps';
    const pending = st.apps.reduce((n, a) => n + a.counts.pending, 0);
    const one: FolderSummary = {
      id: st.isDemo ? 'demo' : 'f1',
      root: st.root,
      label,
      isDemo: st.isDemo,
      phase: st.phase,
      error: st.error,
      pending,
      unpushed: st.unpushed,
      active: true,
      watchMode: st.watchMode,
      ...(st.watch ? { watch: st.watch } : {}),
    };
    return [one];
  }

  async listFolders(): Promise<FolderSummary[]> {
    this.record('listFolders', []);
    return this.folderList();
  }

  async switchFolder(id: string): Promise<WorkspaceState> {
    this.record('switchFolder', [id]);
    const list = this.folderList();
    if (!list.some((f) => f.id === id)) throw new ApiError('not-found', `No open folder ${id}.`);
    this.folders = list.map((f) => ({ ...f, active: f.id === id }));
    this.emit({ type: 'folders', folders: this.folders });
    return this.snapshot();
  }

  async closeFolder(id: string): Promise<FolderSummary[]> {
    this.record('closeFolder', [id]);
    const left = this.folderList().filter((f) => f.id !== id);
    this.folders =
      left.length > 0 && !left.some((f) => f.active) ? left.map((f, i) => ({ ...f, active: i === 0 })) : left;
    this.emit({ type: 'folders', folders: this.folders });
    return this.folders;
  }

  async addFolder(): Promise<WorkspaceState | null> {
    this.record('addFolder', []);
    if (this.host === 'browser')
      throw new ApiError('unsupported', 'Adding a folder is only available in the desktop app.');
    return null;
  }

  async setWatchMode(id: string, mode: WatchPreference): Promise<FolderSummary[]> {
    this.record('setWatchMode', [id, mode]);
    const network = this.watch?.network ?? null;
    const polling = mode === 'polling' || (mode === 'auto' && network === true);
    const reason = mode === 'auto' ? (polling ? 'network' : 'local') : 'chosen';
    const watch: WatchInfo = {
      mode: polling ? 'polling' : 'native',
      preference: mode,
      reason,
      fsType: this.watch?.fsType ?? null,
      network,
    };
    this.folders = this.folderList().map((f) => (f.id === id ? { ...f, watchMode: watch.mode, watch } : f));
    if (this.folders.find((f) => f.id === id)?.active) this.watch = watch;
    this.emit({ type: 'folders', folders: this.folders });
    return this.folders;
  }

  /** How the open folder is watched (tests set it; the snapshot and setWatchMode follow it). */
  watch: WatchInfo | null = null;
}

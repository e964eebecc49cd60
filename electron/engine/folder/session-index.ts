// The in-memory picture of a MobileApps folder: app folders, their sessions and
// their problems, with counts kept up to date incrementally so that an 'apps'
// event after a one-file change does not recount 100,000 sessions.

import type { AppFolder, Platform, Problem, SessionRecord } from '../../../shared/types';
import type { AppScanInfo, ManifestInfo } from '../scan/scan-folder';
import { parseAppFolderName } from '../session/session-file';

export interface AppEntry {
  readonly folder: string;
  readonly sessions: Map<string, SessionRecord>;
  readonly problems: Map<string, Problem>;
  manifest: ManifestInfo | null;
  sessionAppName: string | null;
  sessionPlatform: Platform;
  /** Version of the newest session, the fallback when there is no manifest. */
  newest: { mtimeMs: number; version: string };
  accepted: number;
  pending: number;
  /** False until the initial scan of this folder is complete (changes are deferred until then). */
  scanned: boolean;
}

function platformOf(os: string): Platform {
  const o = os.toLowerCase();
  if (o === 'ios' || o === 'ipados') return 'ios';
  if (o === 'android') return 'android';
  return 'unknown';
}

export type UpsertOutcome = 'added' | 'changed' | 'same';

export class SessionIndex {
  readonly apps = new Map<string, AppEntry>();

  ensureApp(folder: string): AppEntry {
    let entry = this.apps.get(folder);
    if (!entry) {
      entry = {
        folder,
        sessions: new Map(),
        problems: new Map(),
        manifest: null,
        sessionAppName: null,
        sessionPlatform: 'unknown',
        newest: { mtimeMs: -1, version: '' },
        accepted: 0,
        pending: 0,
        scanned: false,
      };
      this.apps.set(folder, entry);
    }
    return entry;
  }

  removeApp(folder: string): AppEntry | undefined {
    const entry = this.apps.get(folder);
    this.apps.delete(folder);
    return entry;
  }

  setInfo(folder: string, info: AppScanInfo): void {
    const entry = this.ensureApp(folder);
    entry.manifest = info.manifest;
    if (info.sessionAppName !== null) entry.sessionAppName = info.sessionAppName;
  }

  /** Puts a session in; drops a problem of the same file. Reports whether anything changed. */
  upsert(record: SessionRecord, appName: string | null = null): UpsertOutcome {
    const entry = this.ensureApp(record.app);
    entry.problems.delete(record.id);
    const old = entry.sessions.get(record.id);
    if (
      old &&
      old.mtimeMs === record.mtimeMs &&
      old.size === record.size &&
      old.status === record.status &&
      old.email === record.email
    ) {
      return 'same';
    }
    if (old) this.count(entry, old, -1);
    entry.sessions.set(record.id, record);
    this.count(entry, record, 1);
    if (entry.sessionAppName === null && appName !== null) entry.sessionAppName = appName;
    if (entry.sessionPlatform === 'unknown') entry.sessionPlatform = platformOf(record.os);
    if (record.mtimeMs > entry.newest.mtimeMs) entry.newest = { mtimeMs: record.mtimeMs, version: record.appVersion };
    return old ? 'changed' : 'added';
  }

  /** Removes a session; returns it, or undefined when it was not there. */
  removeSession(app: string, id: string): SessionRecord | undefined {
    const entry = this.apps.get(app);
    const old = entry?.sessions.get(id);
    if (!entry || !old) return undefined;
    entry.sessions.delete(id);
    this.count(entry, old, -1);
    return old;
  }

  setProblem(problem: Problem): boolean {
    const entry = this.ensureApp(problem.app);
    const old = entry.problems.get(problem.file);
    entry.problems.set(problem.file, problem);
    return !old || old.code !== problem.code || old.reason !== problem.reason || old.mtimeMs !== problem.mtimeMs;
  }

  removeProblem(app: string, file: string): boolean {
    return this.apps.get(app)?.problems.delete(file) ?? false;
  }

  getSession(app: string, id: string): SessionRecord | undefined {
    return this.apps.get(app)?.sessions.get(id);
  }

  private count(entry: AppEntry, record: SessionRecord, delta: 1 | -1): void {
    if (record.status === 'accepted') entry.accepted += delta;
    else if (record.status === 'pending') entry.pending += delta;
  }

  appFolder(entry: AppEntry): AppFolder {
    const parsed = parseAppFolderName(entry.folder);
    const manifest = entry.manifest;
    return {
      folder: entry.folder,
      bundleId: parsed.bundleId,
      teamId: parsed.teamId,
      fakeTeam: parsed.fakeTeam,
      name: manifest?.name || entry.sessionAppName || parsed.bundleId,
      platform: manifest && manifest.platform !== 'unknown' ? manifest.platform : entry.sessionPlatform,
      version: manifest?.version || entry.newest.version,
      counts: {
        total: entry.sessions.size,
        accepted: entry.accepted,
        pending: entry.pending,
        problems: entry.problems.size,
      },
    };
  }

  appFolders(): AppFolder[] {
    return [...this.apps.values()]
      .sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0))
      .map((e) => this.appFolder(e));
  }

  problems(): Problem[] {
    const out: Problem[] = [];
    for (const entry of [...this.apps.values()].sort((a, b) => (a.folder < b.folder ? -1 : 1))) {
      for (const p of [...entry.problems.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) out.push(p);
    }
    return out;
  }

  /** Sizes and times of every file the index knows in an app folder (sessions and problems). */
  known(app: string): Map<string, { mtimeMs: number; size: number }> {
    const out = new Map<string, { mtimeMs: number; size: number }>();
    const entry = this.apps.get(app);
    if (!entry) return out;
    for (const [id, r] of entry.sessions) out.set(id, { mtimeMs: r.mtimeMs, size: r.size });
    for (const [file, p] of entry.problems) out.set(file, { mtimeMs: p.mtimeMs, size: -1 });
    return out;
  }
}

// Live change detection for a MobileApps folder. Both flavours only say *which
// name* may have changed; the ChangeQueue then stats, reads and parses that one
// file. Names starting with "." (our own temp files, .DS_Store) are ignored.
//
// native: one fs.watch on the root (app folders appearing/disappearing) and one
//   per app folder (non-recursive): about 105 watchers for 100,000 files, ready
//   in milliseconds, a few MB. (chokidar 5 on the same tree: 13.6 s, ~900 MB.)
// polling (network shares, where native events are unreliable): our own loop
//   instead of chokidar's usePolling, which keeps one stat poller per file
//   (100,000 of them). Each tick lists the root, re-lists app folders whose
//   mtime changed (adds, removes, renames — atomic writes included), and stats a
//   bounded round-robin share of the known files to catch in-place rewrites.

import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface WatchSink {
  /** A file in an app folder may have changed; null: unknown which, re-list the folder. */
  file(app: string, name: string | null): void;
  /** An entry of the root may have appeared or gone; null: unknown which, re-list the root. */
  root(name: string | null): void;
}

export interface FolderWatcher {
  addApp(app: string): void;
  removeApp(app: string): void;
  close(): void;
}

function ignored(name: string): boolean {
  return name.startsWith('.');
}

export class NativeWatcher implements FolderWatcher {
  private rootWatcher: FSWatcher | null = null;
  private readonly appWatchers = new Map<string, FSWatcher>();
  private closed = false;

  constructor(
    private readonly rootDir: string,
    private readonly sink: WatchSink,
  ) {
    try {
      this.rootWatcher = watch(rootDir, { persistent: false }, (_event, name) => {
        if (name === null) this.sink.root(null);
        else if (!ignored(name)) this.sink.root(name);
      });
      this.rootWatcher.on('error', () => this.sink.root(null));
    } catch {
      this.rootWatcher = null; // the root vanished; the caller notices on its next listing
    }
  }

  addApp(app: string): void {
    if (this.closed || this.appWatchers.has(app)) return;
    try {
      const w = watch(join(this.rootDir, app), { persistent: false }, (_event, name) => {
        if (name === null) this.sink.file(app, null);
        else if (!ignored(name)) this.sink.file(app, name);
      });
      // The folder was removed or became unreadable: the root watcher reports the removal.
      w.on('error', () => {
        this.removeApp(app);
        this.sink.root(app);
      });
      this.appWatchers.set(app, w);
    } catch {
      this.sink.root(app); // vanished between listing and watching
    }
  }

  removeApp(app: string): void {
    this.appWatchers.get(app)?.close();
    this.appWatchers.delete(app);
  }

  close(): void {
    this.closed = true;
    this.rootWatcher?.close();
    for (const w of this.appWatchers.values()) w.close();
    this.appWatchers.clear();
  }
}

export interface PollingOptions {
  intervalMs?: number;
  /** Known files per tick whose stat is compared (round robin). */
  statBudget?: number;
}

/** What the engine currently knows about an app folder's files. */
export type KnownFiles = (app: string) => Map<string, { mtimeMs: number; size: number }>;

const STAT_CONCURRENCY = 16;

export class PollingWatcher implements FolderWatcher {
  private readonly apps = new Map<string, { dirMtimeMs: number }>();
  private readonly intervalMs: number;
  private readonly statBudget: number;
  private cursor: { app: number; file: number } = { app: 0, file: 0 };
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Resolves after the first complete tick (the baseline of folder times). */
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly rootDir: string,
    private readonly sink: WatchSink,
    private readonly known: KnownFiles,
    opts: PollingOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 1000;
    this.statBudget = opts.statBudget ?? 2000;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.timer = setTimeout(() => void this.tick(), 0);
  }

  addApp(app: string): void {
    if (!this.apps.has(app)) this.apps.set(app, { dirMtimeMs: -1 });
  }

  removeApp(app: string): void {
    this.apps.delete(app);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.markReady();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    try {
      await this.pollRoot();
      for (const [app, seen] of [...this.apps]) {
        if (this.closed) return;
        await this.pollApp(app, seen);
      }
      await this.pollFiles();
    } catch {
      // a transient error of the share: try again next tick
    }
    this.markReady();
    if (!this.closed) this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }

  private async pollRoot(): Promise<void> {
    let entries;
    try {
      entries = await readdir(this.rootDir, { withFileTypes: true });
    } catch {
      this.sink.root(null);
      return;
    }
    const present = new Set<string>();
    for (const e of entries) {
      if (!e.isDirectory() || ignored(e.name)) continue;
      present.add(e.name);
      if (!this.apps.has(e.name)) this.sink.root(e.name);
    }
    for (const app of this.apps.keys()) if (!present.has(app)) this.sink.root(app);
  }

  private async pollApp(app: string, seen: { dirMtimeMs: number }): Promise<void> {
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(join(this.rootDir, app))).mtimeMs;
    } catch {
      this.sink.root(app);
      return;
    }
    if (mtimeMs === seen.dirMtimeMs) return;
    seen.dirMtimeMs = mtimeMs;
    let names: string[];
    try {
      names = await readdir(join(this.rootDir, app));
    } catch {
      this.sink.root(app);
      return;
    }
    const known = this.known(app);
    const listed = new Set<string>();
    for (const name of names) {
      if (ignored(name)) continue;
      listed.add(name);
      if (!known.has(name)) this.sink.file(app, name);
    }
    for (const name of known.keys()) if (!listed.has(name)) this.sink.file(app, name);
  }

  /** Stats the next `statBudget` known files, round robin over all apps. */
  private async pollFiles(): Promise<void> {
    const apps = [...this.apps.keys()];
    if (apps.length === 0) return;
    const batch: { app: string; name: string; was: { mtimeMs: number; size: number } }[] = [];
    let visitedApps = 0;
    while (batch.length < this.statBudget && visitedApps <= apps.length) {
      if (this.cursor.app >= apps.length) this.cursor = { app: 0, file: 0 };
      const app = apps[this.cursor.app] as string;
      const files = [...this.known(app)];
      const slice = files.slice(this.cursor.file, this.cursor.file + (this.statBudget - batch.length));
      for (const [name, was] of slice) batch.push({ app, name, was });
      this.cursor.file += slice.length;
      if (this.cursor.file >= files.length) {
        this.cursor = { app: this.cursor.app + 1, file: 0 };
        visitedApps++;
      }
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batch.length && !this.closed) {
        const item = batch[next++] as (typeof batch)[number];
        try {
          const st = await stat(join(this.rootDir, item.app, item.name));
          if (st.mtimeMs !== item.was.mtimeMs || (item.was.size >= 0 && st.size !== item.was.size)) {
            this.sink.file(item.app, item.name);
          }
        } catch {
          this.sink.file(item.app, item.name);
        }
      }
    };
    await Promise.all(Array.from({ length: STAT_CONCURRENCY }, worker));
  }
}

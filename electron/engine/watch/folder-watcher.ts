// Live change detection for a MobileApps folder. Both flavours only say *which
// name* may have changed; the ChangeQueue then stats, reads and parses that one
// file. Names starting with "." (our own temp files, .DS_Store) are ignored.
//
// native: one fs.watch on the root (app folders appearing/disappearing) and one
//   per app folder (non-recursive): about 105 watchers for 100,000 files, ready
//   in milliseconds, a few MB. (chokidar 5 on the same tree: 13.6 s, ~900 MB.)
// polling (network shares, where native events never report the server's
//   changes): polling-watcher.ts, directory listings only (folder-lister.ts).
// Neither follows a link: app folders are watched only when lstat says they are
// real folders, and file names are passed on for the reader to open safely.
// Both answer recheck() (the window came to the front): one listing per folder
// and lstats, compared with what the engine knows.

import { lstatSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { FolderLister, ignored } from './folder-lister';

export interface WatchSink {
  /** A file in an app folder may have changed; null: unknown which, re-list the folder. */
  file(app: string, name: string | null): void;
  /** An entry of the root may have appeared or gone; null: unknown which, re-list the root. */
  root(name: string | null): void;
}

/** What a re-check looked at and found. */
export interface RecheckOutcome {
  /** Files looked at (lstat), over every app folder. */
  files: number;
  /** Names reported as possibly changed (the reader then re-reads just those). */
  changed: number;
}

export interface FolderWatcher {
  addApp(app: string): void;
  removeApp(app: string): void;
  /** Lists every folder now and reports what differs from the engine's index. */
  recheck(): Promise<RecheckOutcome>;
  /** Polling: resolves once the first baseline is taken. */
  readonly ready?: Promise<void>;
  close(): void;
}

/** What the engine currently knows about an app folder's files. */
export type KnownFiles = (app: string) => Map<string, { mtimeMs: number; size: number }>;

export class NativeWatcher implements FolderWatcher {
  private rootWatcher: FSWatcher | null = null;
  private readonly appWatchers = new Map<string, FSWatcher>();
  private closed = false;

  constructor(
    private readonly rootDir: string,
    private readonly sink: WatchSink,
    private readonly known: KnownFiles = () => new Map(),
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
      // fs.watch follows a symlink: a folder swapped for a link since it was listed is not watched.
      if (!lstatSync(join(this.rootDir, app)).isDirectory()) throw new Error('not a folder');
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

  /** Events keep the index current, so the re-check compares with the index alone (a fresh lister). */
  recheck(): Promise<RecheckOutcome> {
    return new FolderLister(this.rootDir, this.sink, this.known).recheck(this.appWatchers.keys());
  }

  close(): void {
    this.closed = true;
    this.rootWatcher?.close();
    for (const w of this.appWatchers.values()) w.close();
    this.appWatchers.clear();
  }
}

export { PollingWatcher, type PollingOptions } from './polling-watcher';

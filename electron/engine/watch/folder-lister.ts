// Compares what is on disk with what the engine knows, by directory listings
// and lstat only (never a file's content): the polling watcher's unit of work
// and the focus re-check. One listing of an app folder is one request on a
// share, and its answer carries every entry's attributes, which the client
// caches: the lstat of each entry right after the listing is answered from that
// cache (measured on sshfs: listing + lstat of 5,000 files costs the same bytes
// as the listing alone, ~180 B per entry, where a lone lstat costs ~210 B).
//
// Never follows a link: readdir with file types and lstat, so a symlink named
// like a session is reported by its own (link) attributes and the reader
// decides what it is; a symlinked app folder is not an app folder.
//
// An entry is reported to the sink when it is new, gone, or its mtime, size,
// inode or ctime differ from the previous listing (or, the first time, from
// what the engine read). An entry looked at less than RACY_MS after its mtime
// (git's "racily clean") is reported once more at the first look that is no
// longer racy: on a share, times have one-second steps and attributes are cached
// for a second, so a second write in the same second would otherwise look
// unchanged. (Server time against our clock: a server clock running behind can
// hide such a double write; one running ahead only delays the extra look.)

import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnownFiles, RecheckOutcome, WatchSink } from './folder-watcher';

/**
 * An observation younger than this after the entry's mtime is looked at again. Share times
 * have one-second steps and clients cache attributes for about a second: a look at least
 * 2 s after the mtime's second began sees every write of that second.
 */
export const RACY_MS = 2000;
const LSTAT_CONCURRENCY = 16;
/** App folders listed at once by a re-check (each listing is a few round trips on a share). */
const LIST_CONCURRENCY = 4;

export interface Observed {
  mtimeMs: number;
  size: number;
  ino: number;
  ctimeMs: number;
  /** When we looked (our clock). */
  seenAt: number;
}

export function observe(st: Stats, now: number): Observed {
  return { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino, ctimeMs: st.ctimeMs, seenAt: now };
}

export function isRacy(o: Observed): boolean {
  return o.seenAt - o.mtimeMs < RACY_MS;
}

/** The first look after a racy one that is no longer racy: it sees the last write of that second. */
export function settled(before: Observed, now: Observed): boolean {
  return isRacy(before) && !isRacy(now);
}

export function differs(a: Observed, b: Observed): boolean {
  return a.mtimeMs !== b.mtimeMs || a.size !== b.size || a.ino !== b.ino || a.ctimeMs !== b.ctimeMs;
}

/** Names starting with "." are ours (temp files) or the system's (.DS_Store). */
export function ignored(name: string): boolean {
  return name.startsWith('.');
}

/** What one look at an app folder found. */
export interface ListOutcome {
  /** Entries looked at. */
  entries: number;
  /** Entries reported to the sink (new, gone, changed, racy). */
  reported: number;
}

export class FolderLister {
  /** Per app folder: its entries at the last listing (null before the first). */
  private readonly seen = new Map<string, Map<string, Observed>>();

  constructor(
    private readonly rootDir: string,
    private readonly sink: WatchSink,
    private readonly known: KnownFiles,
  ) {}

  forget(app: string): void {
    this.seen.delete(app);
  }

  /** Entries of the last listing of `app` (0 before it was listed). */
  listedCount(app: string): number {
    return this.seen.get(app)?.size ?? 0;
  }

  /** The app folders of the root (real folders only) with their own attributes; null if the root cannot be listed. */
  async listRoot(now: number): Promise<Map<string, Observed | null> | null> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.rootDir, { withFileTypes: true });
    } catch {
      return null;
    }
    const dirs = entries.filter((e) => e.isDirectory() && !ignored(e.name)).map((e) => e.name);
    const out = new Map<string, Observed | null>();
    await eachLimited(dirs, async (name) => {
      try {
        const st = await lstat(join(this.rootDir, name));
        out.set(name, st.isDirectory() ? observe(st, now) : null);
      } catch {
        out.set(name, null); // gone meanwhile
      }
    });
    return out;
  }

  /** Lists one app folder, lstats its entries and reports what differs; null if it cannot be listed. */
  async listApp(app: string, now: number): Promise<ListOutcome | null> {
    let entries: Dirent[];
    try {
      entries = await readdir(join(this.rootDir, app), { withFileTypes: true });
    } catch {
      this.sink.root(app); // gone, replaced or unreadable: the root's business
      return null;
    }
    const known = this.known(app);
    const before = this.seen.get(app);
    const after = new Map<string, Observed>();
    let reported = 0;
    const report = (name: string): void => {
      reported++;
      this.sink.file(app, name);
    };
    const names = entries.filter((e) => !ignored(e.name)).map((e) => e.name);
    await eachLimited(names, async (name) => {
      let now2: Observed;
      try {
        now2 = observe(await lstat(join(this.rootDir, app, name)), now);
      } catch {
        report(name); // vanished between listing and lstat
        return;
      }
      after.set(name, now2);
      if (this.changed(before?.get(name), known.get(name), now2)) report(name);
    });
    for (const name of known.keys()) if (!after.has(name)) report(name);
    if (before) for (const name of before.keys()) if (!after.has(name) && !known.has(name)) report(name);
    this.seen.set(app, after);
    return { entries: names.length, reported };
  }

  /** One look at the root and at every tracked app folder; new and vanished folders go to the sink. */
  async recheck(tracked: Iterable<string>): Promise<RecheckOutcome> {
    const now = Date.now();
    const dirs = await this.listRoot(now);
    if (dirs === null) {
      this.sink.root(null);
      return { files: 0, changed: 0 };
    }
    const apps = new Set(tracked);
    for (const [name, obs] of dirs) if (obs !== null && !apps.has(name)) this.sink.root(name);
    const outcome: RecheckOutcome = { files: 0, changed: 0 };
    await eachLimited(
      [...apps],
      async (app) => {
        if (!dirs.get(app)) {
          this.sink.root(app); // gone, or no longer a real folder
          return;
        }
        const listed = await this.listApp(app, now);
        outcome.files += listed?.entries ?? 0;
        outcome.changed += listed?.reported ?? 0;
      },
      LIST_CONCURRENCY,
    );
    return outcome;
  }

  private changed(
    before: Observed | undefined,
    known: { mtimeMs: number; size: number } | undefined,
    now: Observed,
  ): boolean {
    if (before) return differs(before, now) || settled(before, now);
    if (!known) return true;
    // First look: against what the engine read (its scan). Problems have no size (-1).
    return known.mtimeMs !== now.mtimeMs || (known.size >= 0 && known.size !== now.size);
  }
}

/** Runs `fn` over `items`, `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  fn: (item: T) => Promise<void>,
  limit = LSTAT_CONCURRENCY,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

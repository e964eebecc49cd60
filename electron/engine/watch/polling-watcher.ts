// Polling for folders where native events cannot be trusted (network shares,
// FUSE). Two cadences, both made of directory listings (folder-lister.ts):
//
// - every `intervalMs`: one listing of the root, whose answer carries each app
//   folder's times. An app folder whose mtime moved (a file added, removed or
//   renamed over, atomic writes included) is listed at once: additions and
//   removals show within intervalMs + the client's cache time.
// - a rotating pass: each app folder is listed again once per pass, staggered
//   so the traffic is even, to catch files rewritten in place (their folder's
//   times do not change). A pass takes `files / filesPerSecond` (at least
//   minPassMs): on a share the cost is bytes per listed entry, so this bounds the
//   idle traffic whatever the folder's size, and the rewrite latency is one pass.
//
// On the test share (sshfs, 1 s client caches, ~175 B per listed entry) the
// network defaults (watch-choice.ts) give: 5,000 files -> a pass of ~9 s,
// under 100 KB/s; bench/share-watch.ts measures it.

import { differs, FolderLister, settled, type Observed } from './folder-lister';
import type { FolderWatcher, KnownFiles, RecheckOutcome, WatchSink } from './folder-watcher';

export interface PollingOptions {
  /** How often the root and the app folders' own times are looked at (default 1000 ms). */
  intervalMs?: number;
  /** Files whose attributes the rotating pass compares per second (default 20,000: a local disk). */
  filesPerSecond?: number;
  /** Shortest pass over every file (default intervalMs). */
  minPassMs?: number;
}

interface AppPoll {
  /** The folder's own attributes at the last root listing; null before the first. */
  dir: Observed | null;
  /** When the rotating pass lists it next (epoch ms); NaN until staggered. */
  dueAt: number;
  /** Entries at its last listing (the pass length is their sum). */
  count: number;
  /** Added after the watcher started: listed at its first sight, not only baselined. */
  fresh: boolean;
}

/** The scheduler's step: due listings start at most this late. */
const MAX_STEP_MS = 100;

export class PollingWatcher implements FolderWatcher {
  private readonly apps = new Map<string, AppPoll>();
  private readonly lister: FolderLister;
  private readonly intervalMs: number;
  private readonly filesPerSecond: number;
  private readonly minPassMs: number;
  private nextRootAt = 0;
  private started = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Resolves after the first complete tick (the baseline of folder times). */
  readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    rootDir: string,
    private readonly sink: WatchSink,
    private readonly known: KnownFiles,
    opts: PollingOptions = {},
  ) {
    this.lister = new FolderLister(rootDir, sink, known);
    this.intervalMs = opts.intervalMs ?? 1000;
    this.filesPerSecond = opts.filesPerSecond ?? 20_000;
    this.minPassMs = opts.minPassMs ?? this.intervalMs;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.timer = setTimeout(() => void this.tick(), 0);
  }

  addApp(app: string): void {
    if (this.apps.has(app)) return;
    this.apps.set(app, { dir: null, dueAt: NaN, count: this.known(app).size, fresh: this.started });
  }

  removeApp(app: string): void {
    this.apps.delete(app);
    this.lister.forget(app);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.markReady();
  }

  /** Lists every folder now (the window came to the front); the rotation starts over from here. */
  async recheck(): Promise<RecheckOutcome> {
    const outcome = await this.lister.recheck([...this.apps.keys()]);
    const due = Date.now() + this.passMs();
    for (const poll of this.apps.values()) poll.dueAt = due;
    this.stagger(Date.now());
    return outcome;
  }

  /** How long one pass over every file takes. */
  passMs(): number {
    let files = 0;
    for (const poll of this.apps.values()) files += poll.count;
    return Math.max(this.minPassMs, (files / this.filesPerSecond) * 1000);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    try {
      if (Date.now() >= this.nextRootAt) {
        this.nextRootAt = Date.now() + this.intervalMs;
        await this.pollRoot();
      }
      this.stagger(Date.now());
      for (const [app, poll] of [...this.apps]) {
        if (this.closed) return;
        if (poll.dueAt <= Date.now() && this.apps.get(app) === poll) await this.list(app, poll);
      }
    } catch {
      // a transient error of the share: try again next tick
    }
    this.started = true;
    this.markReady();
    if (!this.closed) this.timer = setTimeout(() => void this.tick(), Math.min(this.intervalMs, MAX_STEP_MS));
  }

  /** Folders not yet in the rotation get evenly spread due times, weighted by their size. */
  private stagger(now: number): void {
    const waiting = [...this.apps.values()].filter((p) => Number.isNaN(p.dueAt));
    if (waiting.length === 0) return;
    const pass = this.passMs();
    const total = waiting.reduce((n, p) => n + p.count + 1, 0);
    let before = 0;
    for (const poll of waiting) {
      before += poll.count + 1;
      poll.dueAt = now + (pass * before) / total;
    }
  }

  private async pollRoot(): Promise<void> {
    const now = Date.now();
    const dirs = await this.lister.listRoot(now);
    if (dirs === null) {
      this.sink.root(null);
      return;
    }
    for (const [name, obs] of dirs) if (obs !== null && !this.apps.has(name)) this.sink.root(name);
    for (const [app, poll] of [...this.apps]) {
      if (this.closed) return;
      const obs = dirs.get(app);
      if (!obs) {
        this.sink.root(app); // gone, or no longer a real folder
        continue;
      }
      const before = poll.dir;
      poll.dir = obs;
      // At the start, the scan just read every folder: its times are the baseline.
      const moved = before === null ? poll.fresh : differs(before, obs) || settled(before, obs);
      if (moved) await this.list(app, poll);
    }
  }

  private async list(app: string, poll: AppPoll): Promise<void> {
    const started = Date.now();
    const outcome = await this.lister.listApp(app, started);
    if (outcome) poll.count = outcome.entries;
    // From the start: the listing's own duration must not stretch the pass (and the rewrite latency).
    poll.dueAt = started + this.passMs();
  }
}

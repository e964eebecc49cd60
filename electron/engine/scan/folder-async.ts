// Many reads in flight, for a folder on a network share: there every read costs
// round trips, and synchronous reads in two workers keep only two requests on the
// wire. One pool of `inFlight` reads per worker runs across app folders (a small
// folder's tail does not drain the pipeline): each reader takes the next file of
// the current folder, and the next folder from the shared queue when it is used up.

import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem, SessionRecord } from '../../../shared/types';
import { readManifestFile, type ManifestRead } from '../session/manifest-file';
import type { SessionReadResult } from '../session/session-read';
import { folderProblem, sortEntries, type FolderScan, type ScanChunk } from './scan-folder';
import { readScanFile, SCAN_READ_TIMEOUT_MS } from './scan-read';

/** One app folder being read by the pool. */
interface FolderJob {
  app: string;
  names: string[];
  next: number;
  reading: number;
  records: SessionRecord[];
  problems: Problem[];
  sessionAppName: string | null;
  manifest: Promise<ManifestRead>;
  error?: string;
  finished: boolean;
}

export interface AsyncScanSink {
  /** The next app folder to read (from the shared queue), or undefined when none is left. */
  takeFolder(): string | undefined;
  /** Receives chunks in order; the pool waits for it (flow control). */
  chunk(chunk: ScanChunk): Promise<void>;
  cancelled(): boolean;
}

export class AsyncFolderPool {
  private current: Promise<FolderJob> | null = null;
  private emitting: Promise<void> = Promise.resolve();

  constructor(
    private readonly root: string,
    private readonly sink: AsyncScanSink,
    private readonly chunkFiles: number,
  ) {}

  /** Reads until the queue is empty, `inFlight` files at a time; `resume` continues a folder begun synchronously. */
  async run(inFlight: number, resume?: FolderScan): Promise<void> {
    if (resume) this.current = Promise.resolve(this.adopt(resume));
    await Promise.all(Array.from({ length: inFlight }, () => this.reader()));
    await this.emitting;
  }

  private adopt(scan: FolderScan): FolderJob {
    const job = this.newJob(scan.app, readManifestFile(this.root, scan.app, SCAN_READ_TIMEOUT_MS));
    job.names = scan.names;
    job.next = scan.next;
    job.records = scan.records;
    job.problems = scan.problems;
    job.sessionAppName = scan.sessionAppName;
    return job;
  }

  private newJob(app: string, manifest: Promise<ManifestRead>): FolderJob {
    return {
      app,
      names: [],
      next: 0,
      reading: 0,
      records: [],
      problems: [],
      sessionAppName: null,
      manifest,
      finished: false,
    };
  }

  private async open(app: string): Promise<FolderJob> {
    const job = this.newJob(app, readManifestFile(this.root, app, SCAN_READ_TIMEOUT_MS));
    const dir = join(this.root, app);
    try {
      if ((await lstat(dir)).isSymbolicLink())
        throw Object.assign(new Error(`${dir} is a symbolic link`), { code: 'ENOTDIR' });
      const listing = sortEntries(this.root, app, await readdir(dir, { withFileTypes: true }));
      job.names = listing.names;
      for (const odd of listing.irregular) this.add(job, odd);
    } catch (err) {
      job.error = err instanceof Error ? err.message : String(err);
      const problem = folderProblem(this.root, app, err);
      if (problem) job.problems.push(problem);
    }
    return job;
  }

  private async reader(): Promise<void> {
    for (;;) {
      const task = await this.nextFile();
      if (!task) return;
      const { job, name } = task;
      const res = await readScanFile(this.root, job.app, name);
      job.reading--;
      this.add(job, res);
      if (job.records.length + job.problems.length >= this.chunkFiles) this.emit(job, false);
      this.finishIfDone(job);
    }
  }

  /** The next file to read, opening the next folder when the current one is used up. */
  private async nextFile(): Promise<{ job: FolderJob; name: string } | null> {
    for (;;) {
      if (this.sink.cancelled()) return null;
      if (!this.current) {
        const app = this.sink.takeFolder();
        if (app === undefined) return null;
        this.current = this.open(app);
      }
      const pending = this.current;
      const job = await pending;
      if (job.next < job.names.length) {
        // Counted as reading from the moment it is handed out: another reader that
        // finds the folder used up before this one resumes must not finish it.
        job.reading++;
        return { job, name: job.names[job.next++] as string };
      }
      if (this.current === pending) this.current = null;
      this.finishIfDone(job);
    }
  }

  private add(job: FolderJob, res: SessionReadResult): void {
    if (res.kind === 'record') {
      job.records.push(res.record);
      if (job.sessionAppName === null) job.sessionAppName = res.appName;
    } else if (res.kind === 'problem') {
      job.problems.push(res.problem);
    }
  }

  private finishIfDone(job: FolderJob): void {
    if (job.finished || job.reading > 0 || job.next < job.names.length) return;
    job.finished = true;
    this.emit(job, true);
  }

  /** Chunks leave in the order they were cut, the app's last one after all its parts. */
  private emit(job: FolderJob, done: boolean): void {
    const part = { records: job.records, problems: job.problems };
    job.records = [];
    job.problems = [];
    this.emitting = this.emitting.then(async () => {
      const chunk: ScanChunk = { app: job.app, ...part, done };
      if (done) {
        const { manifest, problem } = await job.manifest;
        if (problem && job.error === undefined) chunk.problems.push(problem); // an unlisted folder already says why
        chunk.info = { manifest, sessionAppName: job.sessionAppName };
        if (job.error !== undefined) chunk.error = job.error;
      }
      await this.sink.chunk(chunk);
    });
  }
}

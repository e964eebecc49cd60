// Unpushed changes per MobileApps root, persisted in <dataDir>/unpushed.json so
// the count (and what the pre-flight check must look at) survives a restart.
// One entry per action (one setStatus/setEmail/delete call, or an undo of an
// action that was already pushed). Writes are atomic and serialized.
//
// Several processes share the file (the desktop app, browser mode, the command
// line): every change is applied to the file as it is on disk at that moment
// (read, change, write), never to an older copy held in memory, so one process
// does not wipe out what another recorded. reload() picks up other processes'
// changes (open and refresh call it). The read-change-write runs under a
// cross-process lock (lock/file-lock.ts), so two processes never interleave it.
//
// Each status/e-mail action also keeps the value the admin set (`field`, `values`):
// until a push, that is what the file must say; when it says something else, the
// change was overwritten (push/expectations.ts). `dismissed` names the expectations
// the admin chose to let go.

import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { sessionRef } from '../../../shared/api-schema';
import type { SessionRef } from '../../../shared/types';
import { writeFileAtomic } from '../edit/atomic-write';
import { withLock, type LockOptions } from '../lock/file-lock';
import { unpushedFile } from '../paths';

export type UnpushedKind = 'status' | 'email' | 'delete' | 'undo';
export type ExpectedField = 'status' | 'email';

export interface UnpushedAction {
  id: string;
  kind: UnpushedKind;
  refs: SessionRef[];
  at: string;
  /** The field this action set (status, email; an undo sets one of them). */
  field?: ExpectedField;
  /** The value set: one for every ref, or one per ref (an undo restores each session's own). */
  values?: string[];
}

const fileSchema = z.object({
  version: z.literal(1),
  roots: z.record(
    z.string(),
    z.array(
      z.object({
        id: z.string().min(1).max(100),
        kind: z.enum(['status', 'email', 'delete', 'undo']),
        refs: z.array(sessionRef),
        at: z.string(),
        field: z.enum(['status', 'email']).optional(),
        values: z.array(z.string().max(1000)).optional(),
      }),
    ),
  ),
  /** Per root: `<app>/<id>#<field>` -> the action id whose expectation the admin dismissed. */
  dismissed: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});

type UnpushedFile = z.infer<typeof fileSchema>;
type Change = (data: UnpushedFile) => void;

/** An expectation to let go: the session, the field, and the action that set it. */
export interface DismissedExpectation {
  ref: SessionRef;
  field: ExpectedField;
  actionId: string;
}

export function dismissKey(ref: SessionRef, field: ExpectedField): string {
  return `${ref.app}/${ref.id}#${field}`;
}

export class UnpushedStore {
  private data: UnpushedFile = emptyFile();
  private loaded: Promise<void> | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** Changes queued and not yet on disk: a reload then must not drop them from memory. */
  private queued = 0;
  /** Changes waiting for the next write (null: none yet), and the promise of that write. */
  private batch: Change[] | null = null;
  private batchWrite: Promise<void> = Promise.resolve();
  private readonly path: string;
  /** Bumped whenever `data` changes: callers cache what they derive from it. */
  private revision = 0;

  constructor(
    dataDir: string,
    private readonly lock: LockOptions = {},
  ) {
    this.path = unpushedFile(dataDir);
  }

  /** Changes whenever the actions or dismissals may have changed. */
  get version(): number {
    return this.revision;
  }

  /** Reads the file once; a missing or invalid file starts empty (nothing to push is the safe reading). */
  load(): Promise<void> {
    this.loaded ??= this.reload();
    return this.loaded;
  }

  /** Reads the file again (another process may have recorded changes), after the writes queued so far. */
  reload(): Promise<void> {
    const read = this.writing.then(async () => {
      const fresh = await this.readFile();
      if (this.queued === 0) this.setData(fresh);
    });
    this.loaded = read;
    return read;
  }

  actions(root: string): UnpushedAction[] {
    return this.data.roots[root] ?? [];
  }

  count(root: string): number {
    return this.actions(root).length;
  }

  /** How many sessions the unpushed changes touch (what Push shows: 11 sessions in 2 bulk actions is 11). */
  sessionCount(root: string): number {
    const touched = new Set<string>();
    for (const action of this.actions(root)) for (const r of action.refs) touched.add(`${r.app}/${r.id}`);
    return touched.size;
  }

  has(root: string, id: string): boolean {
    return this.actions(root).some((a) => a.id === id);
  }

  /** The expectations of `root` the admin dismissed (see dismissKey). */
  dismissed(root: string): Readonly<Record<string, string>> {
    return this.data.dismissed?.[root] ?? {};
  }

  dismiss(root: string, items: DismissedExpectation[]): Promise<void> {
    return this.change((data) => {
      const map = { ...(data.dismissed?.[root] ?? {}) };
      for (const it of items) map[dismissKey(it.ref, it.field)] = it.actionId;
      data.dismissed = { ...data.dismissed, [root]: map };
    });
  }

  add(root: string, action: UnpushedAction): Promise<void> {
    return this.change((data) => {
      data.roots[root] = [...(data.roots[root] ?? []).filter((a) => a.id !== action.id), action];
    });
  }

  remove(root: string, id: string): Promise<void> {
    return this.change((data) => {
      const left = (data.roots[root] ?? []).filter((a) => a.id !== id);
      if (left.length > 0) data.roots[root] = left;
      else delete data.roots[root];
    });
  }

  clear(root: string): Promise<void> {
    return this.change((data) => {
      delete data.roots[root];
      if (data.dismissed) delete data.dismissed[root];
    });
  }

  /**
   * After a push the server has seen everything but `kept`: the root's actions are
   * replaced by one per kept change (they still count as not pushed, and still expect their value).
   */
  keepOnly(root: string, kept: UnpushedAction[]): Promise<void> {
    return this.change((data) => {
      if (kept.length > 0) data.roots[root] = kept;
      else delete data.roots[root];
      if (data.dismissed) delete data.dismissed[root];
    });
  }

  /** Resolves when every write queued so far is on disk. */
  flushed(): Promise<void> {
    return this.writing.then(() => undefined);
  }

  /**
   * Applies a change in memory at once (counts are synchronous), then to the file as it
   * is on disk. Changes queued while a write runs go to the file together, in one locked
   * read-modify-write: a burst of actions costs a few file rewrites, not one each.
   */
  private change(apply: Change): Promise<void> {
    apply(this.data);
    this.revision++;
    this.queued++;
    if (this.batch === null) {
      const batch: Change[] = [];
      this.batch = batch;
      const write = this.writing.then(() => {
        this.batch = null; // changes from now on wait for the next write
        return this.persist(batch);
      });
      this.batchWrite = write;
      this.writing = write.catch(() => undefined).finally(() => (this.queued -= batch.length));
    }
    this.batch.push(apply);
    return this.batchWrite;
  }

  private async persist(batch: Change[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    // Read, change, write under the lock: another process's change between our read and rename would be lost.
    const onDisk = await withLock(
      `unpushed:${resolve(this.path)}`,
      async () => {
        const data = await this.readFile();
        for (const apply of batch) apply(data);
        await writeFileAtomic(this.path, JSON.stringify(data) + '\n');
        return data;
      },
      { label: 'the unpushed changes file', ...this.lock },
    );
    // The last queued batch leaves memory equal to the file: other processes' entries included.
    if (this.queued === batch.length && this.batch === null) this.setData(onDisk);
  }

  private setData(data: UnpushedFile): void {
    this.data = data;
    this.revision++;
  }

  private async readFile(): Promise<UnpushedFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return emptyFile(); // no file yet
    }
    try {
      const parsed = fileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      console.error(`Ignoring ${this.path}: ${parsed.error.issues[0]?.message ?? 'invalid content'}`);
    } catch {
      console.error(`Ignoring ${this.path}: it is not JSON.`);
    }
    return emptyFile();
  }
}

function emptyFile(): UnpushedFile {
  return { version: 1, roots: {} };
}

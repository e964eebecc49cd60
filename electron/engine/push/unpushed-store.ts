// Unpushed changes per MobileApps root, persisted in <dataDir>/unpushed.json so
// the count (and what the pre-flight check must look at) survives a restart.
// One entry per action (one setStatus/setEmail/delete call, or an undo of an
// action that was already pushed). Writes are atomic and serialized.
//
// Several processes share the file (the desktop app, browser mode, the command
// line): every change is applied to the file as it is on disk at that moment
// (read, change, write), never to an older copy held in memory, so one process
// does not wipe out what another recorded. reload() picks up other processes'
// changes (open and refresh call it). The read-change-write is not locked
// across processes yet: `persist` is the one place a cross-process lock goes.

import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { sessionRef } from '../../../shared/api-schema';
import type { SessionRef } from '../../../shared/types';
import { writeFileAtomic } from '../edit/atomic-write';
import { unpushedFile } from '../paths';

export type UnpushedKind = 'status' | 'email' | 'delete' | 'undo';

export interface UnpushedAction {
  id: string;
  kind: UnpushedKind;
  refs: SessionRef[];
  at: string;
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
      }),
    ),
  ),
});

type UnpushedFile = z.infer<typeof fileSchema>;
type Change = (data: UnpushedFile) => void;

export class UnpushedStore {
  private data: UnpushedFile = emptyFile();
  private loaded: Promise<void> | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** Changes queued and not yet on disk: a reload then must not drop them from memory. */
  private queued = 0;
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = unpushedFile(dataDir);
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
      if (this.queued === 0) this.data = fresh;
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

  has(root: string, id: string): boolean {
    return this.actions(root).some((a) => a.id === id);
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
    });
  }

  /** Resolves when every write queued so far is on disk. */
  flushed(): Promise<void> {
    return this.writing.then(() => undefined);
  }

  /** Applies a change in memory at once (counts are synchronous), then to the file as it is on disk. */
  private change(apply: Change): Promise<void> {
    apply(this.data);
    this.queued++;
    const write = this.writing.then(() => this.persist(apply));
    this.writing = write.catch(() => undefined).finally(() => this.queued--);
    return write;
  }

  private async persist(apply: Change): Promise<void> {
    const onDisk = await this.readFile();
    apply(onDisk);
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, JSON.stringify(onDisk) + '\n');
    // The last queued change leaves memory equal to the file: other processes' entries included.
    if (this.queued === 1) this.data = onDisk;
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

// Unpushed changes per MobileApps root, persisted in <dataDir>/unpushed.json so
// the count (and what the pre-flight check must look at) survives a restart.
// One entry per action (one setStatus/setEmail/delete call, or an undo of an
// action that was already pushed). Writes are atomic and serialized.

import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { sessionRef } from '../../shared/api-schema';
import type { SessionRef } from '../../shared/types';
import { writeFileAtomic } from './atomic-write';

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

export const UNPUSHED_FILE = 'unpushed.json';

export class UnpushedStore {
  private data: UnpushedFile = { version: 1, roots: {} };
  private loaded: Promise<void> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, UNPUSHED_FILE);
  }

  /** Reads the file once; a missing or invalid file starts empty (nothing to push is the safe reading). */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      try {
        const parsed = fileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
        if (parsed.success) this.data = parsed.data;
        else console.error(`Ignoring ${this.path}: ${parsed.error.issues[0]?.message ?? 'invalid content'}`);
      } catch {
        // no file yet
      }
    })();
    return this.loaded;
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
    this.data.roots[root] = [...this.actions(root), action];
    return this.save();
  }

  remove(root: string, id: string): Promise<void> {
    const left = this.actions(root).filter((a) => a.id !== id);
    if (left.length > 0) this.data.roots[root] = left;
    else delete this.data.roots[root];
    return this.save();
  }

  clear(root: string): Promise<void> {
    delete this.data.roots[root];
    return this.save();
  }

  /** Resolves when every write queued so far is on disk. */
  flushed(): Promise<void> {
    return this.writing;
  }

  private save(): Promise<void> {
    const text = JSON.stringify(this.data) + '\n';
    this.writing = this.writing
      .then(async () => {
        await mkdir(dirname(this.path), { recursive: true });
        await writeFileAtomic(this.path, text);
      })
      .catch((err: unknown) => console.error(`Could not save ${this.path}:`, err));
    return this.writing;
  }
}

// Deleting on network shares. shell.trashItem refuses what cannot go to the OS
// trash — Windows aborts items that cannot reach the Recycle Bin ("Operation
// was aborted"), and SMB/NFS volumes have no trash on macOS or Linux — yet a
// MobileApps folder on the 4D Server's share is the usual set-up. Then the file
// goes to the app's own trash folder in its data directory (the folder the
// engine uses when there is no OS trash), and the shell tells the user where.
// Undo is unchanged: the engine restores the bytes it kept in memory.
// No Electron import: the OS trash is passed in.

import { lstat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { ActionResult, ProblemRef, SessionRef } from '../../shared/types';
import { folderTrash, type TrashFunction } from '../engine/edit/session-delete';
import { trashDir } from '../engine/paths';

/** The app's own trash, beside settings.json (the engine's default trash folder too). */
export function appTrashDir(dataDir: string): string {
  return trashDir(dataDir);
}

/** Files the OS trash refused and that went to the app's trash, by "<app>/<id>". */
export class AppTrashLog {
  private readonly moved = new Set<string>();
  constructor(readonly dir: string) {}

  record(absPath: string): void {
    this.moved.add(keyOf(basename(dirname(absPath)), basename(absPath)));
  }

  /** Forgets and counts the refs that went to the app's trash. */
  take(refs: readonly SessionRef[]): number {
    let n = 0;
    for (const ref of refs) if (this.moved.delete(keyOf(ref.app, ref.id))) n++;
    return n;
  }
}

function keyOf(app: string, id: string): string {
  return `${app}/${id}`;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** The OS trash, falling back to the app's trash folder when the OS refuses a file that is still there. */
export function trashWithAppFallback(osTrash: TrashFunction, log: AppTrashLog): TrashFunction {
  const fallback = folderTrash(log.dir);
  return async (absPath) => {
    try {
      await osTrash(absPath);
      return;
    } catch (err) {
      // Gone meanwhile: the engine reports "no longer exists" from ENOENT.
      if (!(await exists(absPath)))
        throw Object.assign(new Error(`${absPath} no longer exists`), { code: 'ENOENT', cause: err });
      console.warn(
        `The OS trash refused ${absPath} (${err instanceof Error ? err.message : String(err)}); moving it to ${log.dir}.`,
      );
    }
    await fallback(absPath);
    log.record(absPath);
  };
}

type TrashingApi = {
  deleteSessions(refs: SessionRef[]): Promise<ActionResult>;
  trashProblems(refs: ProblemRef[]): Promise<ActionResult>;
};

/** What the trashing calls answer: their result, plus where files went when the OS trash refused them. */
export function withAppTrashNotice<T extends TrashingApi>(api: T, log: AppTrashLog): T {
  const noticed = (result: ActionResult): ActionResult => {
    // Problem refs come back as { app, id: file }: the same key the log records.
    const count = log.take(result.done);
    return count > 0 ? { ...result, appTrash: { folder: log.dir, count } } : result;
  };
  const wrapped: Partial<Record<keyof TrashingApi, unknown>> = {
    deleteSessions: async (refs: SessionRef[]) => noticed(await api.deleteSessions(refs)),
    trashProblems: async (refs: ProblemRef[]) => noticed(await api.trashProblems(refs)),
  };
  // Every other method is the engine's own, bound to it.
  return new Proxy(api, {
    get(target, prop) {
      if (prop === 'deleteSessions' || prop === 'trashProblems') return wrapped[prop];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

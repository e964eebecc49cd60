// Session actions whose refs name their folder (the approval inbox spans every
// open folder): grouped by folder, each folder's Workspace gets its refs without
// the folder, the results are merged (refs tagged with their folder), and one
// action id is handed out that undo() maps back to every folder's own.

import { randomUUID } from 'node:crypto';
import { ApiError, toErrorInfo } from '../../../shared/api-error';
import type { ActionFailure, ActionResult, SessionRef } from '../../../shared/types';
import type { Workspace } from '../folder/workspace';
import type { FolderEntry } from './folder-entry';
import type { FolderRegistry } from './folder-registry';

/** Actions across folders remembered for undo (each folder keeps its own 200 too). */
const MAX_CROSS_UNDO = 200;

/** One folder's share of an action across folders: what undo() hands back to that folder. */
interface FolderPart {
  entry: FolderEntry;
  actionId: string;
  done: SessionRef[];
}

export class CrossFolderActions {
  /** Action ids given out for refs that named their folder, mapped to each folder's own action id. */
  private readonly parts = new Map<string, FolderPart[]>();

  constructor(private readonly registry: FolderRegistry) {}

  /** Refs naming no folder at all keep the single-folder path unchanged (the active folder). */
  async run(
    refs: SessionRef[],
    action: (ws: Workspace, refs: SessionRef[]) => Promise<ActionResult>,
  ): Promise<ActionResult> {
    if (refs.every((r) => r.folder === undefined)) return action(this.registry.ws, refs);
    const failed: ActionFailure[] = [];
    const groups = this.group(refs, failed);
    const done: SessionRef[] = [];
    const unchanged: SessionRef[] = [];
    const parts: FolderPart[] = [];
    await Promise.all(
      [...groups].map(async ([entry, list]) => {
        const tag = (r: SessionRef): SessionRef => ({ ...bare(r), folder: entry.id });
        try {
          const result = await action(entry.ws, list);
          const mine = result.done.map(tag);
          done.push(...mine);
          unchanged.push(...(result.unchanged ?? []).map(tag));
          failed.push(...result.failed.map((f) => ({ ref: tag(f.ref), error: f.error })));
          if (result.actionId !== null) parts.push({ entry, actionId: result.actionId, done: mine });
        } catch (err) {
          const error = toErrorInfo(err); // this folder failed as a whole (e.g. its share is gone)
          failed.push(...list.map((r) => ({ ref: tag(r), error })));
        }
      }),
    );
    const result: ActionResult = { actionId: this.remember(parts), done, failed };
    return unchanged.length > 0 ? { ...result, unchanged } : result;
  }

  /** Undoes an action id this class handed out; null when it is not one of them. */
  undo(actionId: string): Promise<ActionResult> | null {
    const parts = this.parts.get(actionId);
    if (!parts) return null;
    this.parts.delete(actionId);
    return this.undoParts(parts);
  }

  /** Refs by open folder (without their folder); refs naming no open folder fail here. */
  private group(refs: SessionRef[], failed: ActionFailure[]): Map<FolderEntry, SessionRef[]> {
    const groups = new Map<FolderEntry, SessionRef[]>();
    for (const ref of refs) {
      const id = ref.folder ?? this.registry.active?.id;
      const entry = id === undefined ? undefined : this.registry.entries.find((e) => e.id === id);
      if (!entry) {
        const message = `No open folder has the id "${id ?? ''}" (it may have been closed); session ${ref.app}/${ref.id} was not changed.`;
        failed.push({ ref, error: { code: id === undefined ? 'no-folder' : 'not-found', message } });
        continue;
      }
      const list = groups.get(entry) ?? [];
      list.push(bare(ref));
      groups.set(entry, list);
    }
    return groups;
  }

  private remember(parts: FolderPart[]): string | null {
    if (parts.length === 0) return null;
    const actionId = randomUUID();
    this.parts.set(actionId, parts);
    if (this.parts.size > MAX_CROSS_UNDO) this.parts.delete(this.parts.keys().next().value as string);
    return actionId;
  }

  /** Undoes each folder's share; a folder closed since (or failing) reports its refs as failed. */
  private async undoParts(parts: FolderPart[]): Promise<ActionResult> {
    const done: SessionRef[] = [];
    const failed: ActionFailure[] = [];
    await Promise.all(
      parts.map(async ({ entry, actionId, done: refs }) => {
        const tag = (r: SessionRef): SessionRef => ({ ...bare(r), folder: entry.id });
        try {
          if (!this.registry.entries.includes(entry))
            throw new ApiError(
              'not-found',
              `The folder ${entry.root ?? entry.id} was closed; its changes cannot be undone.`,
            );
          const result = await entry.ws.undo(actionId);
          done.push(...result.done.map(tag));
          failed.push(...result.failed.map((f) => ({ ref: tag(f.ref), error: f.error })));
        } catch (err) {
          const error = toErrorInfo(err);
          failed.push(...refs.map((ref) => ({ ref, error })));
        }
      }),
    );
    return { actionId: null, done, failed };
  }
}

/** A ref as a single folder's Workspace knows it: app and id only. */
export function bare(ref: SessionRef): SessionRef {
  return { app: ref.app, id: ref.id };
}

// Which sessions a changing command (accept, hold, delete) acts on: either named
// one by one as <app>/<id>, or every session matching filters with an explicit
// --all-matching. Everything is resolved and checked before the first change.

import { lstat } from 'node:fs/promises';
import { ApiError } from '../../shared/api-error';
import { filterRecords, type SessionFilter } from '../../shared/session-filter';
import type { SessionRef } from '../../shared/types';
import { sessionPath } from '../engine/folder/root';
import { usageError } from './cli-error';
import { readFolder } from './folder-read';
import { apps, filterFrom, hasFilter, parseRefs, type OptionValues } from './options';

export interface Selection {
  refs: SessionRef[];
  /** How the sessions were chosen, for messages. */
  how: 'named' | 'filter';
}

export async function selectSessions(
  root: string,
  values: OptionValues,
  positionals: readonly string[],
  opts: { command: string; implied?: SessionFilter; impliedBy?: string; now: number },
): Promise<Selection> {
  const all = values['all-matching'] === true || (opts.impliedBy !== undefined && values[opts.impliedBy] === true);
  if (positionals.length > 0) {
    if (all || hasFilter(values)) {
      throw usageError(
        `${opts.command}: name sessions as <app>/<id>, or select them with filters and --all-matching, not both.`,
      );
    }
    const refs = parseRefs(positionals);
    await requireExisting(root, refs);
    return { refs, how: 'named' };
  }
  if (!all) {
    throw usageError(
      `${opts.command}: no sessions given. Name them as <app>/<id> (see "list"), or use filters with --all-matching.`,
    );
  }
  if (opts.impliedBy !== undefined && values[opts.impliedBy] === true && apps(values).length === 0) {
    throw usageError(
      `${opts.command}: --${opts.impliedBy} needs --app <folder>, so one command never changes every app by accident.`,
    );
  }
  if (!hasFilter(values) && !(opts.impliedBy !== undefined && values[opts.impliedBy] === true)) {
    throw usageError(
      `${opts.command}: --all-matching needs at least one filter (for example --app, --status or --older-than).`,
    );
  }
  const filter = { ...filterFrom(values), ...(values[opts.impliedBy ?? ''] === true ? opts.implied : {}) };
  const contents = readFolder(root, apps(values));
  const refs = filterRecords(contents.records, filter, opts.now).map((r) => ({ app: r.app, id: r.id }));
  return { refs, how: 'filter' };
}

/** Every named session must exist now; a typo must not leave half of a command done. */
async function requireExisting(root: string, refs: readonly SessionRef[]): Promise<void> {
  const missing: string[] = [];
  for (const ref of refs) {
    let path: string;
    try {
      path = sessionPath(root, ref);
    } catch (err) {
      throw usageError(err instanceof ApiError ? err.message : String(err));
    }
    const isFile = await lstat(path).then(
      (s) => s.isFile() || s.isSymbolicLink(),
      () => false,
    );
    if (!isFile) missing.push(`${ref.app}/${ref.id}`);
  }
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? `, and ${missing.length - 10} more` : '');
    throw usageError(`No such session in ${root}: ${shown}. Nothing was changed.`);
  }
}

// What every command needs: where the output goes, which MobileApps folder, which
// data directory (audit log, trash, settings). Kept apart from process.* so the
// commands read like functions of their inputs.

import { isAbsolute, relative, resolve } from 'node:path';
import { ApiError } from '../../shared/api-error';
import { resolveMobileAppsRoot } from '../engine/folder/root';
import { CliError, EXIT, usageError } from './cli-error';
import { desktopDataDir } from '../engine/paths';
import type { OptionValues } from './options';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether a person can answer a question on stdin. */
  interactive: boolean;
  /** Asks a yes/no question on the terminal; false unless the answer is yes. */
  confirm(question: string): Promise<boolean>;
}

/** --dir, else MSM_DIR, else the current folder; a MobileApps folder or a 4D data folder holding one. */
export async function openRoot(io: CliIo, values: OptionValues): Promise<string> {
  const given = typeof values.dir === 'string' ? values.dir : io.env.MSM_DIR || io.cwd;
  const dir = resolve(io.cwd, given);
  try {
    return await resolveMobileAppsRoot(dir);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'no-folder') {
      const hint = typeof values.dir === 'string' ? '' : ' Use --dir <folder> (or set MSM_DIR).';
      throw usageError(`${err.message}${hint}`);
    }
    throw new CliError(EXIT.failure, err instanceof Error ? err.message : String(err));
  }
}

export function dataDirFrom(io: CliIo, values: OptionValues): string {
  const given = values['data-dir'];
  return typeof given === 'string' ? resolve(io.cwd, given) : desktopDataDir(io.env);
}

/** The data directory (audit log, trash) must never be inside the MobileApps folder. */
export function requireOutside(root: string, dataDir: string): void {
  const rel = relative(root, dataDir);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw usageError(
      `The data directory ${dataDir} is inside the MobileApps folder ${root}; nothing but sessions may be written there. Set MSM_DATA_DIR or --data-dir elsewhere.`,
    );
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

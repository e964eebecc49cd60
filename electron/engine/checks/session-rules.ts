// The rules the pre-flight check and `mobile-sessions check` apply: 4D's own schema
// when a 4D installation is found (or the user pointed to one), else the built-in
// rules. The compiled schema is cached by file path, size and modification time, so
// a check costs a few stats, and a 4D update is picked up without a restart.

import { statSync } from 'node:fs';
import type { CheckRules, SessionWarning } from '../../../shared/types';
import {
  findInstalledSchema,
  installRoots,
  loadSchemaCheck,
  schemaAtUserPath,
  type InstallSearch,
} from './four-d-schema';
import { checkSession, type SchemaCheck } from './session-check';

export interface SessionRules {
  readonly info: CheckRules;
  check(app: string, fileName: string, json: Record<string, unknown>): SessionWarning[];
}

export const BUILT_IN_RULES: SessionRules = {
  info: { source: 'built-in' },
  check: (app, fileName, json) => checkSession(app, fileName, json),
};

export interface RulesOptions {
  /** Where the user pointed (settings `fourDInstallPath`); empty or absent: look in the usual places. */
  installPath?: string | null;
  /** Install folders to search; default: the platform's usual ones. Tests pass temp folders. */
  searchRoots?: readonly string[];
  search?: InstallSearch;
}

let cached: { key: string; check: SchemaCheck } | null = null;

/** Never throws: a schema that cannot be used falls back to the built-in rules, with a note saying why. */
export function resolveSessionRules(opts: RulesOptions = {}): SessionRules {
  const pointed = opts.installPath?.trim() ?? '';
  let schemaPath: string | null;
  if (pointed !== '') {
    schemaPath = schemaAtUserPath(pointed);
    if (!schemaPath) {
      return withNote(
        `No mobileSessionSchema.json was found at ${pointed} (looked for Resources/JSONSchemas inside it).`,
      );
    }
  } else {
    const roots = opts.searchRoots ?? installRoots(opts.search ?? { platform: process.platform, env: process.env });
    schemaPath = findInstalledSchema(roots);
    if (!schemaPath) return BUILT_IN_RULES;
  }
  let check: SchemaCheck;
  try {
    check = compiled(schemaPath);
  } catch (err) {
    return withNote(`4D's schema could not be used: ${err instanceof Error ? err.message : String(err)}.`);
  }
  const path = schemaPath;
  return {
    info: { source: '4d-schema', schemaPath: path },
    check: (app, fileName, json) => checkSession(app, fileName, json, check),
  };
}

function compiled(path: string): SchemaCheck {
  const info = statSync(path);
  const key = `${path}\0${info.size}\0${info.mtimeMs}`;
  if (cached?.key === key) return cached.check;
  const check = loadSchemaCheck(path);
  cached = { key, check };
  return check;
}

function withNote(note: string): SessionRules {
  return { ...BUILT_IN_RULES, info: { source: 'built-in', note } };
}

// 4D's own session schema. 4D's Mobile-Session-Management component validates a
// session against `Resources/JSONSchemas/mobileSessionSchema.json` inside the 4D
// application before it writes it; the schema is not published, but every 4D and
// 4D Server installation carries it. This module finds it in the usual install
// places (or where the user pointed) and compiles it with ajv.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import type { SessionWarning } from '../../../shared/types';
import type { SchemaCheck } from './session-check';

/** Inside a 4D application's Resources folder. */
export const SCHEMA_IN_RESOURCES = join('JSONSchemas', 'mobileSessionSchema.json');
/** A schema bigger than this is not 4D's (and is not compiled into code). */
const MAX_SCHEMA_BYTES = 1024 * 1024;
/** At most this many messages per session: one broken file must not flood the report. */
const MAX_MESSAGES = 10;

export interface InstallSearch {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/**
 * The folders 4D installs into, per platform. macOS: `/Applications/4D.app`,
 * `/Applications/4D Server.app`, or one level down (`/Applications/4D v20/4D.app`).
 * Windows: `C:\Program Files\4D\4D v20\4D\4D.exe` with `Resources` beside the exe.
 * Linux: 4D Server for Linux (20 R2+) — under /opt when installed from its package.
 */
export function installRoots({ platform, env }: InstallSearch): string[] {
  if (platform === 'darwin') return ['/Applications', join(env.HOME ?? '/nonexistent', 'Applications')];
  if (platform === 'win32') {
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramW6432].filter((r): r is string => !!r);
    return [...new Set(roots.length > 0 ? roots : ['C:\\Program Files'])].map((r) => join(r, '4D'));
  }
  return ['/opt'];
}

/** Where the schema sits in an installation folder (a 4D.app bundle, or the folder holding Resources). */
function schemaIn(dir: string): string | null {
  for (const candidate of [
    join(dir, 'Contents', 'Resources', SCHEMA_IN_RESOURCES),
    join(dir, 'Resources', SCHEMA_IN_RESOURCES),
  ]) {
    if (isFile(candidate)) return candidate;
  }
  return null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** Names that are 4D's: "4D.app", "4D Server.app", "4D v20", "4d-server"… (not "4Dfoo-unrelated" is fine too). */
const FOUR_D_NAME = /^4d/i;

/**
 * Finds a schema under the install roots, two levels deep at most (a cheap search:
 * a few directory listings). Newest-looking first: names sort descending, so
 * "4D v20 R5" comes before "4D v19"; 4D Server before 4D at the same level is not
 * implied — either carries the same schema for its version.
 */
export function findInstalledSchema(roots: readonly string[]): string | null {
  for (const root of roots) {
    const level1 = subfolders(root)
      .filter((n) => FOUR_D_NAME.test(n))
      .sort(byVersionDescending);
    for (const name of level1) {
      const dir = join(root, name);
      const direct = schemaIn(dir);
      if (direct) return direct;
      for (const inner of subfolders(dir).sort(byVersionDescending)) {
        const nested = schemaIn(join(dir, inner));
        if (nested) return nested;
      }
    }
  }
  return null;
}

function byVersionDescending(a: string, b: string): number {
  return b.localeCompare(a, 'en', { numeric: true });
}

/**
 * The schema file for a path the user gave: the schema file itself, a 4D application
 * (4D.app, or the folder holding 4D.exe and Resources), or a folder holding one.
 */
export function schemaAtUserPath(path: string): string | null {
  if (isFile(path)) return path;
  return schemaIn(path) ?? findInstalledSchema([path]) ?? firstNested(path);
}

function firstNested(dir: string): string | null {
  for (const name of subfolders(dir).sort(byVersionDescending)) {
    const found = schemaIn(join(dir, name));
    if (found) return found;
  }
  return null;
}

/** Reads and compiles a schema file; throws a sentence that says what is wrong with it. */
export function loadSchemaCheck(path: string): SchemaCheck {
  const info = statSync(path);
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  if (info.size > MAX_SCHEMA_BYTES) throw new Error(`${path} is larger than ${MAX_SCHEMA_BYTES} bytes`);
  let schema: unknown;
  try {
    schema = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`${path} is not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    throw new Error(`${path} does not hold a JSON schema object`);
  let validate: ValidateFunction;
  try {
    validate = compile(schema as Record<string, unknown>);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`${path} is not a JSON schema this app can use (${why})`, { cause: err });
  }
  return (json) => (validate(json) ? [] : toWarnings(validate.errors ?? []));
}

function compile(schema: Record<string, unknown>): ValidateFunction {
  // strict: false — 4D's schema may use keywords or formats ajv does not know; they are
  // annotations for 4D too. The draft-04 `id` and `$schema` are dropped for the same reason:
  // ajv 8 only knows draft-06 and later, and the keywords a session schema uses agree.
  const draft = typeof schema.$schema === 'string' ? schema.$schema : '';
  const options = { allErrors: true, strict: false, validateFormats: false };
  if (draft.includes('2020-12')) return new Ajv2020(options).compile(schema);
  if (draft.includes('2019-09')) return new Ajv2019(options).compile(schema);
  const rest: Record<string, unknown> = { ...schema };
  delete rest.$schema;
  if (draft.includes('draft-04')) delete rest.id;
  return new Ajv(options).compile(rest);
}

function toWarnings(errors: ErrorObject[]): SessionWarning[] {
  const shown = errors.slice(0, MAX_MESSAGES).map((e) => ({
    code: 'schema' as const,
    message: `4D's schema: ${e.instancePath === '' ? 'the session' : e.instancePath.slice(1).replace(/\//g, '.')} ${e.message ?? 'is invalid'}${extra(e)}.`,
  }));
  if (errors.length > MAX_MESSAGES) {
    shown.push({ code: 'schema', message: `4D's schema: ${errors.length - MAX_MESSAGES} more problems.` });
  }
  return shown;
}

function extra(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (Array.isArray(p.allowedValues)) return ` (${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  return '';
}

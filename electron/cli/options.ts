// Option definitions shared by the commands, and turning their raw values into a
// SessionFilter or a list of sessions. Every value is validated here, before any
// command touches a file, so a typo ends with exit 2 and nothing changed.

import type { ParseArgsConfig } from 'node:util';
import { sessionRef } from '../../shared/api-schema';
import {
  PLATFORM_FILTERS,
  SORT_COLUMNS,
  type PlatformFilter,
  type SessionFilter,
  type SortColumn,
} from '../../shared/session-filter';
import type { SessionRef } from '../../shared/types';
import { usageError } from './cli-error';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export const COMMON_OPTIONS: OptionSpec = {
  dir: { type: 'string', short: 'd' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export const FILTER_OPTIONS: OptionSpec = {
  app: { type: 'string', short: 'a', multiple: true },
  status: { type: 'string' },
  platform: { type: 'string' },
  search: { type: 'string', short: 's' },
  'older-than': { type: 'string' },
  simulator: { type: 'boolean' },
  'no-simulator': { type: 'boolean' },
  language: { type: 'string' },
  'app-version': { type: 'string' },
};

export const FILTER_HELP = `Filters (combine freely; all must match):
  --app, -a <folder>     only this app folder (repeatable)
  --status <s>           accepted | pending | all
  --platform <p>         ios | ipados | android
  --search, -s <words>   every word must appear (device, e-mail, OS, IP, language, id…)
  --older-than <days>    file not changed for at least this many days
  --simulator            only simulators;  --no-simulator: only real devices
  --language <code>      "en" (any region) or "en_US"
  --app-version <v>      exact application.version`;

function str(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function apps(values: OptionValues): string[] {
  const v = values.app;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function nonNegativeNumber(raw: string, option: string): number {
  const n = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw usageError(`--${option} must be a number of days, 0 or more (got "${raw}").`);
  }
  return n;
}

/** The filter from --status, --platform, … (the app folders are handled by the reader). */
export function filterFrom(values: OptionValues): SessionFilter {
  const filter: SessionFilter = {};
  const status = str(values, 'status');
  if (status !== undefined) {
    if (status !== 'accepted' && status !== 'pending' && status !== 'all') {
      throw usageError(`--status must be accepted, pending or all (got "${status}").`);
    }
    filter.status = status;
  }
  const platform = str(values, 'platform');
  if (platform !== undefined) {
    const p = platform.toLowerCase();
    if (!PLATFORM_FILTERS.includes(p as PlatformFilter)) {
      throw usageError(`--platform must be one of ${PLATFORM_FILTERS.join(', ')} (got "${platform}").`);
    }
    filter.platform = p as PlatformFilter;
  }
  if (values.simulator === true && values['no-simulator'] === true) {
    throw usageError('--simulator and --no-simulator cannot be combined.');
  }
  if (values.simulator === true) filter.simulator = true;
  if (values['no-simulator'] === true) filter.simulator = false;
  const olderThan = str(values, 'older-than');
  if (olderThan !== undefined) filter.olderThanDays = nonNegativeNumber(olderThan, 'older-than');
  const search = str(values, 'search');
  if (search !== undefined) filter.search = search;
  const language = str(values, 'language');
  if (language !== undefined) filter.language = language;
  const appVersion = str(values, 'app-version');
  if (appVersion !== undefined) filter.appVersion = appVersion;
  return filter;
}

/** True when any filter option (including --app) was given. */
export function hasFilter(values: OptionValues): boolean {
  return Object.keys(FILTER_OPTIONS).some((name) => values[name] !== undefined);
}

/** "<app folder>/<session id>" → SessionRef; the app folder never contains "/". */
export function parseRefs(positionals: readonly string[]): SessionRef[] {
  const refs: SessionRef[] = [];
  const seen = new Set<string>();
  for (const arg of positionals) {
    const slash = arg.lastIndexOf('/');
    const candidate = slash > 0 ? { app: arg.slice(0, slash), id: arg.slice(slash + 1) } : null;
    if (!candidate || !sessionRef.safeParse(candidate).success) {
      throw usageError(`"${arg}" is not a session: write it as <app folder>/<session id>, as "list" prints it.`);
    }
    const key = `${candidate.app}/${candidate.id}`;
    if (!seen.has(key)) refs.push(candidate);
    seen.add(key);
  }
  return refs;
}

export function sortFrom(values: OptionValues): { column: SortColumn; direction: 'asc' | 'desc' } {
  const sort = str(values, 'sort') ?? 'changed';
  if (!SORT_COLUMNS.includes(sort as SortColumn)) {
    throw usageError(`--sort must be one of ${SORT_COLUMNS.join(', ')} (got "${sort}").`);
  }
  // Newest first by default for "changed"; A→Z for the others.
  const direction = values.asc === true ? 'asc' : values.desc === true || values.sort === undefined ? 'desc' : 'asc';
  return { column: sort as SortColumn, direction };
}

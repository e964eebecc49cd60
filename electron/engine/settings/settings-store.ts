// The app's own settings: one JSON file (settings.json) in the app's data
// directory, never inside a MobileApps folder. Validated with zod on load:
//  - unreadable JSON (or not an object) → the file is backed up as
//    settings.json.corrupt-<timestamp> and replaced with defaults;
//  - valid JSON with some invalid fields → the file is backed up the same way,
//    only the invalid top-level fields fall back to their defaults (so a bad
//    window size never costs the user their push settings);
//  - unknown fields are dropped (documented choice: the file is ours, and a
//    downgrade simply forgets settings a newer version added).
// Either way `open` returns a warning sentence instead of throwing.
// Writes are atomic (temp + rename via writeFileAtomic) and serialized through
// a queue so concurrent `update` calls never interleave or lose each other.
// No Electron import: the browser-mode server and the tests use it too.

import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../edit/atomic-write';
import { settingsFile } from '../paths';
import { UI_LANGUAGES } from '../../../shared/ui-languages';

export { SETTINGS_FILE } from '../paths';
export const SETTINGS_VERSION = 1;
export const MAX_RECENT_FOLDERS = 10;
/** Folders open at once in the sidebar (one share per 4D Server): more is a mistake, not a setup. */
export const MAX_OPEN_FOLDERS = 50;
/** A settings file bigger than this is not ours (or is damaged). */
const MAX_SETTINGS_BYTES = 1024 * 1024;

const pushUrl = z
  .string()
  .max(2048)
  .refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), 'must be an http:// or https:// URL or empty');

/** A secret encrypted by the OS keychain (Electron safeStorage); never plain text. */
export const storedSecretSchema = z.strictObject({
  scheme: z.literal('safeStorage'),
  data: z
    .string()
    .min(1)
    .max(16_384)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
});

export const pushEntrySchema = z.object({
  url: pushUrl,
  timeoutMs: z.number().int().min(500).max(120_000),
  secret: storedSecretSchema.optional(),
});

const windowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(100).max(100_000),
  height: z.number().int().min(100).max(100_000),
  maximized: z.boolean(),
});

/** Keeps the most recent first, without duplicates, at most MAX_RECENT_FOLDERS. */
const recentFoldersSchema = z
  .array(z.string().min(1).max(4096))
  .transform((list) => [...new Set(list)].slice(0, MAX_RECENT_FOLDERS));

/** One schema per top-level field, so a bad field can be reset on its own. */
const fieldSchemas = {
  version: z.literal(SETTINGS_VERSION),
  recentFolders: recentFoldersSchema,
  lastFolder: z.string().min(1).max(4096).nullable(),
  /** Every folder open in the sidebar, reopened at start (the active one is lastFolder). */
  openFolders: z.array(z.string().min(1).max(4096)).transform((list) => [...new Set(list)].slice(0, MAX_OPEN_FOLDERS)),
  window: windowBoundsSchema.nullable(),
  language: z.enum(['system', ...UI_LANGUAGES]),
  theme: z.enum(['system', 'light', 'dark']),
  notifications: z.boolean(),
  /** Keyed by the MobileApps folder's real path. */
  push: z.record(z.string().min(1).max(4096), pushEntrySchema),
  /** Per folder (real path): Native or Polling chosen by the user; absent = Auto. */
  watchModes: z.record(z.string().min(1).max(4096), z.enum(['native', 'polling'])),
  /** A 4D / 4D Server installation (or its mobileSessionSchema.json) for the checks; "" = the usual places. */
  fourDInstallPath: z
    .string()
    .max(4096)
    .refine((s) => !s.includes('\0'), 'must be a path'),
} as const;

export const settingsSchema = z.object(fieldSchemas);

export type Settings = z.output<typeof settingsSchema>;
export type PushEntry = z.output<typeof pushEntrySchema>;
export type StoredSecret = z.output<typeof storedSecretSchema>;
export type WindowBounds = z.output<typeof windowBoundsSchema>;
type FieldName = keyof typeof fieldSchemas;

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    recentFolders: [],
    lastFolder: null,
    openFolders: [],
    window: null,
    language: 'system',
    theme: 'system',
    notifications: true,
    push: {},
    watchModes: {},
    fourDInstallPath: '',
  };
}

interface Salvaged {
  settings: Settings;
  /** Top-level fields that were invalid and reset to their defaults. */
  reset: FieldName[];
}

/** Validates field by field; missing fields take their default silently (older files). */
function salvage(raw: Record<string, unknown>): Salvaged {
  const settings = defaultSettings() as Record<FieldName, unknown>;
  const reset: FieldName[] = [];
  for (const name of Object.keys(fieldSchemas) as FieldName[]) {
    if (!(name in raw) || raw[name] === undefined) continue;
    const parsed = fieldSchemas[name].safeParse(raw[name]);
    if (parsed.success) settings[name] = parsed.data;
    else reset.push(name);
  }
  return { settings: settingsSchema.parse(settings), reset };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function timestampForFileName(d = new Date()): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

/** Moves the bad file aside (never deletes it) and returns the backup's path. */
async function backUp(path: string): Promise<string> {
  const base = `${path}.corrupt-${timestampForFileName()}`;
  for (let i = 0; ; i++) {
    const target = i === 0 ? base : `${base}-${i}`;
    try {
      await stat(target);
    } catch {
      await rename(path, target);
      return target;
    }
  }
}

type LoadResult = { settings: Settings; warning: string | null; rewrite: boolean };

async function load(path: string): Promise<LoadResult> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_SETTINGS_BYTES) {
      const backup = await backUp(path);
      return corrupt(`it is larger than ${MAX_SETTINGS_BYTES} bytes`, backup);
    }
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { settings: defaultSettings(), warning: null, rewrite: false };
    }
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return corrupt('it is not valid JSON', await backUp(path));
  }
  if (!isPlainObject(raw)) return corrupt('it does not hold a JSON object', await backUp(path));
  const { settings, reset } = salvage(raw);
  if (reset.length === 0) return { settings, warning: null, rewrite: false };
  const backup = await backUp(path);
  return {
    settings,
    rewrite: true,
    warning:
      `Some settings were invalid and were reset to their defaults (${reset.join(', ')}). ` +
      `The previous file was kept as ${backup}.`,
  };
}

function corrupt(why: string, backup: string): LoadResult {
  return {
    settings: defaultSettings(),
    rewrite: true,
    warning: `The settings file could not be used (${why}), so the defaults were restored. The previous file was kept as ${backup}.`,
  };
}

/** Owner-only: the file holds (encrypted) secrets and folder paths. */
const FILE_MODE = 0o600;

function serialize(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

export class SettingsStore {
  readonly path: string;
  private current: Settings;
  /** Tail of the write queue: every update runs after the previous one settled. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(path: string, settings: Settings) {
    this.path = path;
    this.current = settings;
  }

  /** Loads (or creates) the settings in `dataDir`. Never throws for a bad file; I/O errors do throw. */
  static async open(dataDir: string): Promise<{ store: SettingsStore; warning: string | null }> {
    await mkdir(dataDir, { recursive: true });
    const path = settingsFile(dataDir);
    const { settings, warning, rewrite } = await load(path);
    const store = new SettingsStore(path, settings);
    if (rewrite) await writeFileAtomic(path, serialize(settings), { mode: FILE_MODE });
    return { store, warning };
  }

  /** A deep copy: callers cannot change the store behind its back. */
  get(): Settings {
    return structuredClone(this.current);
  }

  /**
   * Applies `fn` to the latest settings, validates the result and writes it.
   * Updates run one at a time in call order; a failed update (invalid result,
   * I/O error) rejects and leaves both the file and the memory unchanged.
   */
  update(fn: (draft: Settings) => Settings | void): Promise<Settings> {
    const run = async (): Promise<Settings> => {
      const draft = structuredClone(this.current);
      const next = settingsSchema.parse(fn(draft) ?? draft);
      await writeFileAtomic(this.path, serialize(next), { mode: FILE_MODE });
      this.current = next;
      return structuredClone(next);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

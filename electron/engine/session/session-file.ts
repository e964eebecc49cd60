// Recognising and parsing the files of a MobileApps folder. parseSessionBytes runs
// once per file during a scan (100,000 times for a big server), so it avoids
// per-call regexes and re-encoding: one UTF-8 validation, one decode, one JSON.parse.

import { isUtf8 } from 'node:buffer';
import type { Platform, ProblemCode, SessionRecord } from '../../../shared/types';
import { locateJsonError } from '../edit/json-spans';
import { compactWarnings } from '../scan/record-compact';
import { checkSession, isObject } from '../checks/session-check';
import { duplicateKeyWarning, findDuplicateKeys } from './duplicate-keys';
import { jsonNestingDepth, MAX_JSON_DEPTH } from './json-depth';

/** Session files above this size are reported as problem "too-large" and never loaded. */
export const MAX_SESSION_BYTES = 4 * 1024 * 1024;

/**
 * The longest name file systems allow (ext4, APFS, NTFS: 255): no real file is
 * excluded, and an API caller cannot pass an absurdly long id.
 */
export const MAX_SESSION_ID_LENGTH = 255;

/**
 * 4D's rule (Mobile-Session-Management): a session file has no extension and a name
 * of hex digits, any number of them (`^[[:xdigit:]]+$`). Anything else (manifest.json,
 * key.mobileapp, .DS_Store, notes, UUID-shaped names with dashes) 4D does not load,
 * so neither do we.
 */
export function isSessionFileName(name: string): boolean {
  const n = name.length;
  if (n === 0 || n > MAX_SESSION_ID_LENGTH) return false;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

export interface AppFolderName {
  bundleId: string;
  teamId: string | null;
  fakeTeam: boolean;
}

const FAKE_TEAM = 'FAKETEAMID';

/**
 * Splits an app folder's name. Rule: the first dot-separated segment is a team id
 * when it is "FAKETEAMID" or consists only of upper-case letters and digits (Apple
 * team ids are 10 such characters; older Android builds used other upper-case ids)
 * and something follows it. Bundle ids are reverse-DNS and usually start with a
 * lower-case segment ("com"), so "com.x.y" is a bundle id alone (Android since 2023,
 * or any app without a team). This is only for display and grouping: the session
 * checks compare the folder with each session's own team.id + application.id.
 */
export function parseAppFolderName(folder: string): AppFolderName {
  const dot = folder.indexOf('.');
  if (dot > 0 && dot < folder.length - 1) {
    const head = folder.slice(0, dot);
    if (head === FAKE_TEAM) return { bundleId: folder.slice(dot + 1), teamId: FAKE_TEAM, fakeTeam: true };
    if (isUpperAlnum(head) && head.length <= 20) {
      return { bundleId: folder.slice(dot + 1), teamId: head, fakeTeam: false };
    }
  }
  return { bundleId: folder, teamId: null, fakeTeam: false };
}

function isUpperAlnum(s: string): boolean {
  let letters = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) letters++;
    else if (c < 48 || c > 57) return false;
  }
  return letters > 0;
}

export type ParsedSession =
  { ok: true; json: Record<string, unknown>; record: SessionRecord } | { ok: false; code: ProblemCode; reason: string };

/** Parses one session file's bytes; never throws. */
export function parseSessionBytes(
  app: string,
  id: string,
  bytes: Buffer,
  /** `shallow`: the caller already proved the nesting within MAX_JSON_DEPTH (the scan counts on bytes). */
  stat: { mtimeMs: number; size: number; shallow?: boolean },
): ParsedSession {
  if (stat.size > MAX_SESSION_BYTES || bytes.length > MAX_SESSION_BYTES) {
    return problem(
      'too-large',
      `The file is ${formatSize(Math.max(stat.size, bytes.length))}, over the ${formatSize(MAX_SESSION_BYTES)} limit for a session; it was not loaded.`,
    );
  }
  const decoded = decodeText(bytes);
  if (typeof decoded !== 'string') return decoded;
  const depth = stat.shallow === true ? null : tooDeep(decoded);
  if (depth !== null) return depth;
  let value: unknown;
  try {
    value = JSON.parse(decoded);
  } catch (err) {
    return problem('malformed-json', describeJsonError(decoded, err));
  }
  if (!isObject(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return problem('not-an-object', `The file holds ${what}, not a JSON object.`);
  }
  const record = toRecord(app, id, value, stat);
  const duplicates = findDuplicateKeys(decoded);
  if (duplicates.length > 0) record.warnings = [...record.warnings, duplicateKeyWarning(duplicates)];
  return { ok: true, json: value, record };
}

/**
 * JSON.parse copes with 100,000 nested arrays but JSON.stringify (the details
 * panel, IPC, HTTP) then throws RangeError. Counting brackets (0.1 µs a file)
 * proves most files shallow; only the rest get the exact, string-aware count.
 */
function tooDeep(text: string): ParsedSession | null {
  if (countBrackets(text, MAX_JSON_DEPTH) <= MAX_JSON_DEPTH) return null;
  const depth = jsonNestingDepth(text, MAX_JSON_DEPTH);
  if (depth <= MAX_JSON_DEPTH) return null;
  return problem(
    'too-deep',
    `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep (a session is 3); it was not loaded.`,
  );
}

/** Occurrences of { and [ anywhere (strings included), counting stops past `limit`. */
function countBrackets(text: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf('{'); i !== -1 && n <= limit; i = text.indexOf('{', i + 1)) n++;
  for (let i = text.indexOf('['); i !== -1 && n <= limit; i = text.indexOf('[', i + 1)) n++;
  return n;
}

/** UTF-8 text without BOM, or an 'encoding'/'malformed-json' problem. */
function decodeText(bytes: Buffer): string | ParsedSession {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.length === bom) return problem('malformed-json', 'The file is empty.');
  // Decoding replaces every invalid sequence with U+FFFD, so text without one came
  // from valid UTF-8 (a one-byte string, nearly every file, is answered at once);
  // only text with one pays for the validation.
  const text = bytes.toString('utf8', bom);
  if (text.indexOf('\uFFFD') === -1 || isUtf8(bytes)) return text;
  const utf16 =
    bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  return problem(
    'encoding',
    utf16 ? 'The file is UTF-16 encoded; 4D writes sessions in UTF-8.' : 'The file is not valid UTF-8 text.',
  );
}

function describeJsonError(text: string, err: unknown): string {
  // Failures are rare, so it is affordable to re-tokenize for a precise position.
  const located = locateJsonError(text);
  if (located) return `Malformed JSON: ${located.message}.`;
  return `Malformed JSON: ${err instanceof Error ? err.message : String(err)}.`;
}

function problem(code: ProblemCode, reason: string): ParsedSession {
  return { ok: false, code, reason };
}

function toRecord(
  app: string,
  id: string,
  json: Record<string, unknown>,
  stat: { mtimeMs: number; size: number },
): SessionRecord {
  const device = objectOr(json.device);
  const application = objectOr(json.application);
  const session = objectOr(json.session);
  const language = objectOr(json.language);
  const status = json.status;
  const osVersion = str(device.version);
  return {
    app,
    id,
    // Literals, not the parsed strings: every record then shares the same two.
    status: status === 'accepted' ? 'accepted' : status === 'pending' ? 'pending' : null,
    email: str(json.email),
    deviceDescription: str(device.description),
    deviceId: str(device.id),
    os: str(device.os) || inferOs(json, osVersion, str(device.description)),
    osVersion,
    simulator: device.simulator === true,
    language: str(language.id) || str(language.code),
    ip: str(session.ip),
    appVersion: str(application.version),
    mtimeMs: stat.mtimeMs,
    size: stat.size,
    warnings: compactWarnings(checkSession(app, id, json)),
  };
}

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

function objectOr(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : EMPTY;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Older sessions have no device.os. Android writes versions like "29 (Android Q)"
 * and never sends `send` nor a team; iOS always sends `send` and (usually) a team.
 */
function inferOs(json: Record<string, unknown>, version: string, description: string): string {
  if (version.includes('Android')) return 'Android';
  if (typeof json.send === 'string') return 'iOS';
  const team = objectOr(json.team).id;
  if (typeof team === 'string' && team !== '') return 'iOS';
  if (description.startsWith('iPhone') || description.startsWith('iPod')) return 'iOS';
  if (description.startsWith('iPad')) return 'iPadOS';
  return 'Android';
}

/** Reads an app folder's manifest.json (written by 4D at build time). Never throws. */
export function readManifest(bytes: Buffer): { name: string; platform: Platform; version: string } | null {
  if (bytes.length === 0 || bytes.length > MAX_SESSION_BYTES || !isUtf8(bytes)) return null;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8', bom));
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  const application = objectOr(value.application);
  const info = objectOr(value.info);
  // target is "iOS" or "android"; a project built for both may list them in an array.
  const targets = (Array.isArray(info.target) ? info.target : [info.target]).map((t) => str(t).toLowerCase());
  const platform: Platform =
    targets.length !== 1 ? 'unknown' : targets[0] === 'ios' ? 'ios' : targets[0] === 'android' ? 'android' : 'unknown';
  return { name: str(application.name) || str(application.id), platform, version: str(info.version) };
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

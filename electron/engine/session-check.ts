// Checks one session the way 4D's `MOBILE APP REFRESH SESSIONS` will: the file's
// location against its content, its schema, its token. The engine reports these
// conditions as warnings; it never "fixes" a file on its own.
//
// Folder rule (4D-Mobile-App-Server, method appID): the app folder is
// "<team.id>.<application.id>", or "<application.id>" alone when team.id is empty
// or missing. iOS apps built without a team send team.id "FAKETEAMID", so their
// folder is "FAKETEAMID.<application.id>".

import { emailValue } from '../../shared/api-schema';
import type { SessionWarning } from '../../shared/types';
import { decodeSessionToken } from './session-token';

export { decodeSessionToken, encodeSessionToken } from './session-token';

type Json = Record<string, unknown>;

const FAKE_TEAM = 'FAKETEAMID';

export function checkSession(app: string, fileName: string, json: Json): SessionWarning[] {
  const warnings: SessionWarning[] = [];
  checkSchema(json, warnings);

  const bundleId = stringAt(json, 'application', 'id');
  const teamId = stringAt(json, 'team', 'id') ?? '';
  const sessionId = stringAt(json, 'session', 'id');

  if (bundleId) checkFolder(app, bundleId, teamId, warnings);
  if (sessionId !== undefined && sessionId !== fileName) {
    warnings.push({
      code: 'id-mismatch',
      message: `The file is named "${fileName}" but its session.id is "${sessionId}"; the server requires them to be equal.`,
    });
  }
  checkStatus(json.status, warnings);
  checkEmail(json.email, warnings);
  checkToken(json.token, bundleId, sessionId, teamId, warnings);
  return warnings;
}

/** The folder name(s) the server would use for this content. */
export function expectedFolderName(bundleId: string, teamId: string): string {
  return teamId === '' ? bundleId : `${teamId}.${bundleId}`;
}

function checkFolder(app: string, bundleId: string, teamId: string, warnings: SessionWarning[]): void {
  const expected = expectedFolderName(bundleId, teamId);
  if (app === expected) return;
  let message = `The session is in folder "${app}" but its content (team.id "${teamId}", application.id "${bundleId}") belongs in "${expected}".`;
  if (app.startsWith(`${FAKE_TEAM}.`) && teamId !== FAKE_TEAM) {
    message += ` A "${FAKE_TEAM}." folder holds iOS apps built without a team; their sessions carry team.id "${FAKE_TEAM}", and the server expects "${FAKE_TEAM}.${bundleId}" for them.`;
  } else if (teamId === '') {
    message += ' With an empty or missing team.id the server expects the bundle id alone as the folder name.';
  }
  warnings.push({ code: 'folder-mismatch', message });
}

function checkStatus(status: unknown, warnings: SessionWarning[]): void {
  if (status === 'accepted' || status === 'pending') return;
  const shown = status === undefined ? 'missing' : JSON.stringify(status);
  warnings.push({
    code: 'status-invalid',
    message: `status is ${shown}; the server only knows "accepted" and "pending".`,
  });
}

function checkEmail(email: unknown, warnings: SessionWarning[]): void {
  if (typeof email !== 'string' || email === '') return; // type problems are schema warnings
  if (emailValue.safeParse(email).success) return;
  warnings.push({ code: 'email-invalid', message: `email "${email}" is not a plausible e-mail address.` });
}

function checkToken(
  token: unknown,
  bundleId: string | undefined,
  sessionId: string | undefined,
  teamId: string,
  warnings: SessionWarning[],
): void {
  if (typeof token !== 'string' || token === '') {
    warnings.push({ code: 'token-missing', message: 'The session has no token; the server will reject it.' });
    return;
  }
  const decoded = decodeSessionToken(token);
  if (!decoded) {
    warnings.push({
      code: 'token-mismatch',
      message: 'The token cannot be decoded (it is not base64 of a JSON object); the server will reject it.',
    });
    return;
  }
  const diffs: string[] = [];
  if (decoded.appNameID !== bundleId) diffs.push(`appNameID ${show(decoded.appNameID)} ≠ application.id ${show(bundleId)}`);
  if (decoded.id !== sessionId) diffs.push(`id ${show(decoded.id)} ≠ session.id ${show(sessionId)}`);
  // Sessions without a team (Android) may encode teamID as "" or leave it out.
  const tokenTeam = decoded.teamID === undefined || decoded.teamID === null ? '' : decoded.teamID;
  if (tokenTeam !== teamId) diffs.push(`teamID ${show(decoded.teamID)} ≠ team.id ${show(teamId)}`);
  if (diffs.length > 0) {
    warnings.push({ code: 'token-mismatch', message: `The token does not match the session: ${diffs.join('; ')}.` });
  }
}

// --- schema -------------------------------------------------------------------

type Kind = 'string' | 'boolean' | 'object';
interface FieldRule {
  path: readonly [string] | readonly [string, string];
  kind: Kind;
  required: boolean;
  nonEmpty?: boolean;
}

/**
 * What a session needs for the server to load it. 4D's own schema is not public;
 * these are the fields its code reads (application, session, device, status, token),
 * plus type checks on the optional ones it writes.
 */
const RULES: readonly FieldRule[] = [
  { path: ['application'], kind: 'object', required: true },
  { path: ['application', 'id'], kind: 'string', required: true, nonEmpty: true },
  { path: ['application', 'name'], kind: 'string', required: false },
  { path: ['application', 'version'], kind: 'string', required: false },
  { path: ['team'], kind: 'object', required: false },
  { path: ['team', 'id'], kind: 'string', required: false },
  { path: ['language'], kind: 'object', required: false },
  { path: ['email'], kind: 'string', required: false },
  { path: ['device'], kind: 'object', required: true },
  { path: ['device', 'id'], kind: 'string', required: true },
  { path: ['device', 'description'], kind: 'string', required: false },
  { path: ['device', 'version'], kind: 'string', required: false },
  { path: ['device', 'os'], kind: 'string', required: false },
  { path: ['device', 'simulator'], kind: 'boolean', required: false },
  { path: ['send'], kind: 'string', required: false },
  { path: ['session'], kind: 'object', required: true },
  { path: ['session', 'id'], kind: 'string', required: true, nonEmpty: true },
  { path: ['session', 'ip'], kind: 'string', required: false },
  { path: ['status'], kind: 'string', required: true },
];

function checkSchema(json: Json, warnings: SessionWarning[]): void {
  for (const rule of RULES) {
    const [head, leaf] = rule.path;
    let value: unknown;
    if (leaf === undefined) {
      value = json[head];
    } else {
      const parent = json[head];
      if (!isObject(parent)) continue; // the parent's own rule reports it
      value = parent[leaf];
    }
    const name = rule.path.join('.');
    if (value === undefined) {
      if (rule.required) warnings.push({ code: 'schema', message: `Required field ${name} is missing.` });
      continue;
    }
    if (!hasKind(value, rule.kind)) {
      warnings.push({ code: 'schema', message: `${name} should be ${article(rule.kind)} but is ${describe(value)}.` });
    } else if (rule.nonEmpty && value === '') {
      warnings.push({ code: 'schema', message: `${name} is empty.` });
    }
  }
}

// --- small helpers ------------------------------------------------------------

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** json[a][b] when it is a string, else undefined. */
export function stringAt(json: Json, a: string, b: string): string | undefined {
  const parent = json[a];
  if (!isObject(parent)) return undefined;
  const v = parent[b];
  return typeof v === 'string' ? v : undefined;
}

function hasKind(v: unknown, kind: Kind): boolean {
  return kind === 'object' ? isObject(v) : typeof v === kind;
}

function article(kind: Kind): string {
  return kind === 'object' ? 'an object' : `a ${kind}`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function show(v: unknown): string {
  return v === undefined ? 'missing' : JSON.stringify(v);
}

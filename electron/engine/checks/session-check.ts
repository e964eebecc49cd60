// Checks one session the way 4D's `MOBILE APP REFRESH SESSIONS` will: the file's
// location against its content, its schema, its token. The engine reports these
// conditions as warnings; it never "fixes" a file on its own.
//
// Folder rule (4D-Mobile-App-Server, method appID): the app folder is
// "<team.id>.<application.id>", or "<application.id>" alone when team.id is empty
// or missing. iOS apps built without a team send team.id "FAKETEAMID", so their
// folder is "FAKETEAMID.<application.id>".

import type { SessionWarning } from '../../../shared/types';
import { decodeSessionToken, tokenMatchesExactly } from '../session/session-token';

export { decodeSessionToken, encodeSessionToken } from '../session/session-token';

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
  if (isPlausibleEmail(email)) return;
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
  // Fast path (nearly every file): the token is exactly what 4D would write.
  if (bundleId !== undefined && sessionId !== undefined && tokenMatchesExactly(token, bundleId, sessionId, teamId)) return;
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

// 4D's own schema is not public; these are the fields its code reads (application,
// session, device, status, token), plus type checks on the optional ones it writes.
// Written out field by field rather than as a rule table: named property reads stay
// fast (inline caches) and this runs once per session in a 100,000-file scan.
function checkSchema(j: Json, w: SessionWarning[]): void {
  const application = j.application;
  if (objectField(w, 'application', application, true)) {
    stringField(w, 'application.id', application.id, true, true);
    stringField(w, 'application.name', application.name, false);
    stringField(w, 'application.version', application.version, false);
  }
  const team = j.team;
  if (objectField(w, 'team', team, false)) stringField(w, 'team.id', team.id, false);
  objectField(w, 'language', j.language, false);
  stringField(w, 'email', j.email, false);
  const device = j.device;
  if (objectField(w, 'device', device, true)) {
    stringField(w, 'device.id', device.id, true);
    stringField(w, 'device.description', device.description, false);
    stringField(w, 'device.version', device.version, false);
    stringField(w, 'device.os', device.os, false);
    if (device.simulator !== undefined && typeof device.simulator !== 'boolean') wrongType(w, 'device.simulator', 'a boolean', device.simulator);
  }
  stringField(w, 'send', j.send, false);
  const session = j.session;
  if (objectField(w, 'session', session, true)) {
    stringField(w, 'session.id', session.id, true, true);
    stringField(w, 'session.ip', session.ip, false);
  }
  stringField(w, 'status', j.status, true);
}

/** True when v is an object (so its fields can be checked); reports missing/wrong type. */
function objectField(w: SessionWarning[], name: string, v: unknown, required: boolean): v is Json {
  if (isObject(v)) return true;
  if (v === undefined) {
    if (required) missing(w, name);
  } else {
    wrongType(w, name, 'an object', v);
  }
  return false;
}

function stringField(w: SessionWarning[], name: string, v: unknown, required: boolean, nonEmpty = false): void {
  if (typeof v === 'string') {
    if (nonEmpty && v === '') w.push({ code: 'schema', message: `${name} is empty.` });
  } else if (v === undefined) {
    if (required) missing(w, name);
  } else {
    wrongType(w, name, 'a string', v);
  }
}

function missing(w: SessionWarning[], name: string): void {
  w.push({ code: 'schema', message: `Required field ${name} is missing.` });
}

function wrongType(w: SessionWarning[], name: string, expected: string, v: unknown): void {
  w.push({ code: 'schema', message: `${name} should be ${expected} but is ${describe(v)}.` });
}

// --- small helpers ------------------------------------------------------------

/**
 * The same rule as shared/api-schema.ts `emailValue` (a test keeps them in step),
 * without zod's per-call overhead: this runs once per session in a scan.
 */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isPlausibleEmail(email: string): boolean {
  return email === '' || (email.length <= 254 && EMAIL_SHAPE.test(email));
}

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

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function show(v: unknown): string {
  return v === undefined ? 'missing' : JSON.stringify(v);
}

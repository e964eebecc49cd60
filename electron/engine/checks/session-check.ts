// Checks one session the way 4D's `MOBILE APP REFRESH SESSIONS` will, and adds this
// app's advice. 4D's documented reload errors are: 1 location (folder and file name)
// vs content, 2 malformed JSON (a file problem, found before this runs), 3 4D's JSON
// schema, 4 token vs content. shared/session-warnings.ts says which codes are those
// errors (the server drops the session) and which are advice. The engine reports;
// it never "fixes" a file on its own.
//
// Folder rule (4D-Mobile-App-Server, method appID): the app folder is
// "<team.id>.<application.id>", or "<application.id>" alone when team.id is empty
// or missing. iOS apps built without a team send team.id "FAKETEAMID", so their
// folder is "FAKETEAMID.<application.id>".

import type { SessionWarning } from '../../../shared/types';
import { decodeSessionToken, tokenMatchesExactly } from '../session/session-token';

export { decodeSessionToken, encodeSessionToken } from '../session/session-token';

type Json = Record<string, unknown>;

/** Validates a whole session against 4D's own schema (four-d-schema.ts); 'schema' warnings. */
export type SchemaCheck = (json: Json) => SessionWarning[];

const FAKE_TEAM = 'FAKETEAMID';

/**
 * `fourDSchema`: 4D's schema from a 4D installation. Without it the built-in rules
 * stand in: only the fields rules 1 and 4 need are errors, the rest is advice.
 */
export function checkSession(app: string, fileName: string, json: Json, fourDSchema?: SchemaCheck): SessionWarning[] {
  const warnings: SessionWarning[] = fourDSchema ? fourDSchema(json) : [];
  if (!fourDSchema) checkBuiltInSchema(json, warnings);

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

// Advice: 4D documents only these two values; what it does with another is not documented.
function checkStatus(status: unknown, warnings: SessionWarning[]): void {
  if (status === 'accepted' || status === 'pending') return;
  const shown = status === undefined ? 'missing' : JSON.stringify(status);
  warnings.push({
    code: 'status-invalid',
    message: `status is ${shown}; 4D documents only "accepted" and "pending", and this app cannot accept or hold the session until it is one of them.`,
  });
}

// Advice only: 4D accepts any e-mail text (the iOS SDK sends the login as typed).
function checkEmail(email: unknown, warnings: SessionWarning[]): void {
  if (typeof email !== 'string' || email === '') return; // type problems are schema warnings
  if (isPlausibleEmail(email)) return;
  warnings.push({
    code: 'email-invalid',
    message: `email "${email}" does not look like an e-mail address (advice only: 4D accepts any text here).`,
  });
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
  if (bundleId !== undefined && sessionId !== undefined && tokenMatchesExactly(token, bundleId, sessionId, teamId))
    return;
  const decoded = decodeSessionToken(token);
  if (!decoded) {
    warnings.push({
      code: 'token-mismatch',
      message: 'The token cannot be decoded (it is not base64 of a JSON object); the server will reject it.',
    });
    return;
  }
  const diffs: string[] = [];
  if (decoded.appNameID !== bundleId)
    diffs.push(`appNameID ${show(decoded.appNameID)} ≠ application.id ${show(bundleId)}`);
  if (decoded.id !== sessionId) diffs.push(`id ${show(decoded.id)} ≠ session.id ${show(sessionId)}`);
  // Sessions without a team (Android) may encode teamID as "" or leave it out.
  const tokenTeam = decoded.teamID === undefined || decoded.teamID === null ? '' : decoded.teamID;
  if (tokenTeam !== teamId) diffs.push(`teamID ${show(decoded.teamID)} ≠ team.id ${show(teamId)}`);
  if (diffs.length > 0) {
    warnings.push({ code: 'token-mismatch', message: `The token does not match the session: ${diffs.join('; ')}.` });
  }
}

// --- built-in schema ------------------------------------------------------------

// 4D's schema is not public (it ships inside 4D). Without it, only what rules 1 and 4
// cannot do without is an error ('schema': application.id, session.id); the other
// fields 4D's own files carry are checked as advice ('field-advice'), since whether
// 4D's schema requires them is unknown. Written out field by field rather than as a
// rule table: named property reads stay fast, and this runs once per session in a scan.
function checkBuiltInSchema(j: Json, w: SessionWarning[]): void {
  const application = j.application;
  if (objectField(w, 'application', application, true, 'schema')) {
    stringField(w, 'application.id', application.id, true, 'schema', true);
    stringField(w, 'application.name', application.name, false);
    stringField(w, 'application.version', application.version, false);
  }
  const session = j.session;
  if (objectField(w, 'session', session, true, 'schema')) {
    stringField(w, 'session.id', session.id, true, 'schema', true);
    stringField(w, 'session.ip', session.ip, false);
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
    if (device.simulator !== undefined && typeof device.simulator !== 'boolean') {
      wrongType(w, 'device.simulator', 'a boolean', device.simulator, 'field-advice');
    }
  }
  stringField(w, 'send', j.send, false);
}

type FieldCode = 'schema' | 'field-advice';

/** True when v is an object (so its fields can be checked); reports missing/wrong type. */
function objectField(
  w: SessionWarning[],
  name: string,
  v: unknown,
  required: boolean,
  code: FieldCode = 'field-advice',
): v is Json {
  if (isObject(v)) return true;
  if (v === undefined) {
    if (required) missing(w, name, code);
  } else {
    wrongType(w, name, 'an object', v, code);
  }
  return false;
}

function stringField(
  w: SessionWarning[],
  name: string,
  v: unknown,
  required: boolean,
  code: FieldCode = 'field-advice',
  nonEmpty = false,
): void {
  if (typeof v === 'string') {
    if (nonEmpty && v === '') w.push({ code, message: `${name} is empty${why(code)}` });
  } else if (v === undefined) {
    if (required) missing(w, name, code);
  } else {
    wrongType(w, name, 'a string', v, code);
  }
}

function missing(w: SessionWarning[], name: string, code: FieldCode): void {
  w.push({ code, message: `${code === 'schema' ? 'Required field' : 'Field'} ${name} is missing${why(code)}` });
}

function wrongType(w: SessionWarning[], name: string, expected: string, v: unknown, code: FieldCode): void {
  w.push({ code, message: `${name} should be ${expected} but is ${describe(v)}${why(code)}` });
}

function why(code: FieldCode): string {
  return code === 'schema'
    ? '; without it the server cannot match the file with its location and token, and drops the session.'
    : " (advice: 4D's own session files have it; whether 4D requires it is not documented).";
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

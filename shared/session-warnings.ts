// Which session warnings are 4D's own rules — `MOBILE APP REFRESH SESSIONS` drops the
// session — and which are only this app's advice. 4D documents four reload errors
// (component "mobi"): 1 the file's location does not match its content, 2 malformed
// JSON (a file problem, not a warning), 3 the file fails 4D's JSON schema, 4 the token
// does not match the session. Everything else is advice: shown, never called fatal.
// A Record over every code, so a new warning code cannot be added without deciding.

import type { SessionWarning, SessionWarningCode } from './types';

export const SERVER_DROPS: Readonly<Record<SessionWarningCode, boolean>> = {
  'folder-mismatch': true, // error 1: location (app folder) vs team.id + application.id
  'id-mismatch': true, // error 1: location (file name) vs session.id
  'token-mismatch': true, // error 4
  'token-missing': true, // error 4: nothing to match the session against
  schema: true, // error 3 (4D's schema), or a field rules 1 and 4 cannot do without
  'status-invalid': false, // 4D documents only "accepted" and "pending"; what it does with others is not
  'email-invalid': false, // 4D accepts any text (the iOS SDK sends the login as typed)
  'duplicate-key': false, // valid JSON; only which copy 4D reads is uncertain
  'field-advice': false, // built-in rules: a field 4D writes is missing or of another type
};

/** True when 4D Server drops the session on reload because of this warning. */
export function dropsSession(warning: Pick<SessionWarning, 'code'>): boolean {
  return SERVER_DROPS[warning.code];
}

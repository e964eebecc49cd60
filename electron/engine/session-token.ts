// The session token 4D writes into every session file: base64 (standard alphabet,
// no padding) of the compact JSON {"appNameID":bundleId,"id":sessionId,"teamID":teamId}.
// It is not signed; the server only checks that it matches the session's own fields.

/** Characters of standard or url-safe base64, with optional padding. Compiled once. */
const BASE64_SHAPE = /^[A-Za-z0-9+/_-]+={0,2}$/;

export interface DecodedSessionToken {
  appNameID?: unknown;
  id?: unknown;
  teamID?: unknown;
}

/** Builds the token exactly as 4D does (key order appNameID, id, teamID; no padding). */
export function encodeSessionToken(bundleId: string, sessionId: string, teamId: string): string {
  const json = JSON.stringify({ appNameID: bundleId, id: sessionId, teamID: teamId });
  return stripPadding(Buffer.from(json, 'utf8').toString('base64'));
}

/**
 * Decodes a token, tolerating padding and the url-safe alphabet.
 * Returns null when it is not base64 of a JSON object (the caller reports it as undecodable).
 */
export function decodeSessionToken(token: string): DecodedSessionToken | null {
  if (token.length === 0 || !BASE64_SHAPE.test(token)) return null;
  // A base64 string can never leave exactly one character in its last quantum.
  if (stripPadding(token).length % 4 === 1) return null;
  // Node's base64 decoder accepts both alphabets and missing padding.
  const text = Buffer.from(token, 'base64').toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    return value as DecodedSessionToken;
  } catch {
    return null;
  }
}

function stripPadding(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61 /* = */) end--;
  return end === s.length ? s : s.slice(0, end);
}

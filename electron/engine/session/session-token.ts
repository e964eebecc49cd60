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

/**
 * True when `token` is exactly what 4D writes for these fields (no padding). Cheaper
 * than decodeSessionToken + JSON.parse; the scan's fast path. Consecutive sessions
 * share their app's bundle and team, so the base64 of the JSON's fixed beginning
 * (up to a 3-byte boundary) is cached and only the rest is encoded per session.
 */
export function tokenMatchesExactly(token: string, bundleId: string, sessionId: string, teamId: string): boolean {
  if (bundleId !== cache.bundleId || teamId !== cache.teamId) cache = cachedPrefix(bundleId, teamId);
  if (cache.headB64 === null || !isAscii(sessionId)) return token === encodeSessionToken(bundleId, sessionId, teamId);
  if (!token.startsWith(cache.headB64)) return false;
  if (isPlainJsonString(sessionId)) return restMatches(token, cache, sessionId);
  const rest = Buffer.from(cache.headRest + JSON.stringify(sessionId) + cache.tail, 'latin1').toString('base64');
  let end = rest.length;
  while (end > 0 && rest.charCodeAt(end - 1) === 61 /* = */) end--;
  return token.length === cache.headB64.length + end && token.endsWith(end === rest.length ? rest : rest.slice(0, end));
}

/** Printable ASCII without `"` and `\`: JSON.stringify only adds the quotes, so its bytes are the characters. */
function isPlainJsonString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes after the cached head, laid out per session (grown on demand, one per thread). */
let restBytes = new Uint8Array(256);

/**
 * Compares the token after its cached head with the unpadded base64 of the rest
 * (headRest + JSON.stringify(id) + tail, all ASCII here), encoded in place: no
 * string, buffer or array per session.
 */
function restMatches(token: string, p: TokenPrefix, id: string): boolean {
  const { headRest, tail } = p;
  const bytes = headRest.length + id.length + 2 + tail.length;
  const full = bytes - (bytes % 3);
  const left = bytes - full;
  let at = (p.headB64 as string).length;
  if (token.length !== at + (full / 3) * 4 + (left === 0 ? 0 : left + 1)) return false;
  if (restBytes.length < bytes + 2) restBytes = new Uint8Array(bytes * 2);
  const b = restBytes;
  let k = 0;
  for (let i = 0; i < headRest.length; i++) b[k++] = headRest.charCodeAt(i);
  b[k++] = 0x22; /* " */
  for (let i = 0; i < id.length; i++) b[k++] = id.charCodeAt(i);
  b[k++] = 0x22;
  for (let i = 0; i < tail.length; i++) b[k++] = tail.charCodeAt(i);
  b[k] = 0;
  b[k + 1] = 0;
  for (k = 0; k < bytes; k += 3) {
    const n = ((b[k] as number) << 16) | ((b[k + 1] as number) << 8) | (b[k + 2] as number);
    if (
      token.charCodeAt(at) !== B64.charCodeAt(n >>> 18) ||
      token.charCodeAt(at + 1) !== B64.charCodeAt((n >>> 12) & 63)
    )
      return false;
    // The last group of a length not a multiple of 3 has only 2 or 3 characters.
    const chars = k + 3 <= bytes ? 4 : bytes - k + 1;
    if (chars > 2 && token.charCodeAt(at + 2) !== B64.charCodeAt((n >>> 6) & 63)) return false;
    if (chars > 3 && token.charCodeAt(at + 3) !== B64.charCodeAt(n & 63)) return false;
    at += 4;
  }
  return true;
}

interface TokenPrefix {
  bundleId: string;
  teamId: string;
  /** base64 of the JSON's first bytes, a multiple of 3 long; null when not ASCII (no shortcut). */
  headB64: string | null;
  headRest: string;
  tail: string;
}

function tokenPrefix(bundleId: string, teamId: string): TokenPrefix {
  const head = `{"appNameID":${JSON.stringify(bundleId)},"id":`;
  const tail = `,"teamID":${JSON.stringify(teamId)}}`;
  // Characters are bytes only for ASCII; other ids take the plain path.
  if (!isAscii(head) || !isAscii(tail)) return { bundleId, teamId, headB64: null, headRest: '', tail };
  const cut = head.length - (head.length % 3);
  return {
    bundleId,
    teamId,
    headB64: Buffer.from(head.slice(0, cut), 'latin1').toString('base64'),
    headRest: head.slice(cut),
    tail,
  };
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

let cache: TokenPrefix = { bundleId: '\0', teamId: '\0', headB64: null, headRest: '', tail: '' };
/** One entry per app seen (bounded: a MobileApps folder has tens to hundreds of apps). */
const prefixes = new Map<string, TokenPrefix>();

function cachedPrefix(bundleId: string, teamId: string): TokenPrefix {
  const key = `${teamId}\u0000${bundleId}`;
  let found = prefixes.get(key);
  if (!found) {
    if (prefixes.size >= 4096) prefixes.clear();
    found = tokenPrefix(bundleId, teamId);
    prefixes.set(key, found);
  }
  return found;
}

function stripPadding(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61 /* = */) end--;
  return end === s.length ? s : s.slice(0, end);
}

// Who may talk to the browser-mode server: requests that name our own address
// in Host (DNS-rebinding defence), come from our own origin or none (CSRF), and
// present the random access token — header X-MSM-Token (the only way for POST,
// so a cross-site form can never call the API), or on GET the `?token=` query
// or the HttpOnly SameSite=Strict cookie set when the page was opened with it.
// No Electron import.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpFailure } from './http-failure';

export const TOKEN_HEADER = 'x-msm-token';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** An IPv6 literal must be bracketed in a URL and in a Host header. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export interface AccessGuardOptions {
  /** The interface the server is bound to. */
  host: string;
  token: string;
  /** Read lazily: the port is known only once the server listens. */
  port: () => number;
}

export class AccessGuard {
  private readonly tokenBuf: Buffer;

  constructor(private readonly options: AccessGuardOptions) {
    this.tokenBuf = Buffer.from(options.token);
  }

  /** Cookies ignore ports, so each server on this machine uses its own cookie name. */
  get cookieName(): string {
    return `msm_token_${this.options.port()}`;
  }

  /**
   * Host and Origin, checked before anything else is read from the request
   * (a Host we do not know is not even parsed into a URL). Throws 421 or 403.
   */
  checkAddress(req: IncomingMessage): void {
    if (!this.allowedHost(req.headers.host)) {
      throw new HttpFailure(421, 'unauthorized', 'Unexpected Host header; open the address the server printed.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      throw new HttpFailure(403, 'unauthorized', 'Cross-origin requests are refused.');
    }
  }

  /** The access token (header; on GET also query or cookie). Throws 401. */
  checkToken(req: IncomingMessage, url: URL): void {
    if (!this.authorized(req, url)) {
      throw new HttpFailure(401, 'unauthorized', 'Missing or wrong access token; open the address the server printed.');
    }
  }

  /** The Set-Cookie header for a page opened with the right `?token=`, so its assets and events need no query. */
  cookieFor(url: URL): string | null {
    const queryToken = url.searchParams.get('token') ?? undefined;
    return this.tokenMatches(queryToken)
      ? `${this.cookieName}=${this.options.token}; HttpOnly; SameSite=Strict; Path=/`
      : null;
  }

  private authorized(req: IncomingMessage, url: URL): boolean {
    if (this.tokenMatches(firstHeader(req.headers[TOKEN_HEADER]))) return true;
    if (req.method === 'POST') return false; // the header only: a query or cookie travels with cross-site forms
    const queryToken = url.searchParams.get('token') ?? undefined;
    return this.tokenMatches(queryToken) || this.tokenMatches(readCookie(req.headers.cookie, this.cookieName));
  }

  private allowedHost(hostHeader: string | undefined): boolean {
    if (!hostHeader) return false;
    const { host } = this.options;
    // Bound to every interface: the operator chose exposure; the token still guards.
    if (isWildcard(host)) return true;
    const port = this.options.port();
    const names = new Set([...LOOPBACK_NAMES, urlHost(host)]);
    return [...names].some((n) => hostHeader.toLowerCase() === `${n}:${port}`);
  }

  private tokenMatches(candidate: string | undefined): boolean {
    if (!candidate) return false;
    const buf = Buffer.from(candidate);
    return buf.length === this.tokenBuf.length && timingSafeEqual(buf, this.tokenBuf);
  }
}

import type { IncomingHttpHeaders } from 'node:http';

import { parseCookie, stringifySetCookie } from 'cookie';

/** The session: a short-lived signed token, for every route of the gateway. */
export const SESSION_COOKIE = 'switchyard_session';
/** The pending login (PKCE verifier, state, nonce, redirect): only the /sso routes see it. */
export const LOGIN_COOKIE = 'switchyard_sso_login';
export const LOGIN_COOKIE_PATH = '/sso';

/** A cookie of the request, parsed only here: no cookie hook runs on the proxy's hot path. */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const header = headers.cookie;
  if (!header) return undefined;
  return parseCookie(header)[name] || undefined;
}

interface CookieScope {
  readonly secure: boolean;
}

export function sessionCookie(token: string, maxAgeSeconds: number, { secure }: CookieScope): string {
  return stringifySetCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    maxAge: maxAgeSeconds,
  });
}

export function loginCookie(sealed: string, maxAgeSeconds: number, { secure }: CookieScope): string {
  return stringifySetCookie(LOGIN_COOKIE, sealed, {
    httpOnly: true,
    sameSite: 'lax',
    path: LOGIN_COOKIE_PATH,
    secure,
    maxAge: maxAgeSeconds,
  });
}

export function clearedCookie(name: string, path: string, { secure }: CookieScope): string {
  return stringifySetCookie(name, '', { httpOnly: true, sameSite: 'lax', path, secure, maxAge: 0 });
}

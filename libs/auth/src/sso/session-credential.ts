import type { IncomingHttpHeaders } from 'node:http';

import { apiKeyFromHeaders } from '../api-key-header';
import { readCookie, SESSION_COOKIE } from './sso-cookies';

// A compact JWS: three base64url parts, the header starting with `{"` (eyJ).
const JWT_SHAPE = /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/;

/**
 * The SSO session token of a management request: a JWT sent as the API key (`Authorization:
 * Bearer`), else the session cookie when no key is sent at all. A real key always wins.
 */
export function sessionTokenFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const key = apiKeyFromHeaders(headers);
  if (key !== undefined) return JWT_SHAPE.test(key) ? key : undefined;
  return readCookie(headers, SESSION_COOKIE);
}

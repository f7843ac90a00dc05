import type { IncomingHttpHeaders } from 'node:http';

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function fromAuthorization(value: string): string | undefined {
  const space = value.indexOf(' ');
  if (space < 0) return value.trim() || undefined;
  const scheme = value.slice(0, space).toLowerCase();
  const credential = value.slice(space + 1).trim();
  if (scheme === 'bearer') return credential || undefined;
  if (scheme === 'basic') {
    // LiteLLM takes the key from the password part of Basic credentials.
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return (colon >= 0 ? decoded.slice(colon + 1) : decoded) || undefined;
  }
  return undefined;
}

/**
 * @hotpath The key a client sent, in LiteLLM's order of precedence: `x-litellm-api-key`,
 * `Authorization` (Bearer or Basic), `api-key` (Azure clients), `x-api-key` (Anthropic clients).
 */
export function apiKeyFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const litellm = first(headers['x-litellm-api-key']);
  if (litellm) return litellm.trim().replace(/^Bearer\s+/i, '');
  const authorization = first(headers.authorization);
  if (authorization) return fromAuthorization(authorization);
  return first(headers['api-key']) ?? first(headers['x-api-key']);
}

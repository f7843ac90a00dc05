import { createHash, randomBytes } from 'node:crypto';

/** A new virtual key: `sk-` and 43 URL-safe characters (32 random bytes). */
export function generateKey(): string {
  return `sk-${randomBytes(32).toString('base64url')}`;
}

/** The only form of a key that is stored: SHA-256 hex of the whole key string, as LiteLLM. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The masked `key_name` shown in listings: `sk-...a1b2`. */
export function maskKey(key: string): string {
  return `sk-...${key.slice(-4)}`;
}

/** A key login lives in this tab only (sessionStorage), never in a cookie or localStorage. */
const KEY_ITEM = 'switchyard.apiKey';

export function readKey(): string | null {
  return sessionStorage.getItem(KEY_ITEM);
}

export function storeKey(key: string): void {
  sessionStorage.setItem(KEY_ITEM, key);
}

export function clearKey(): void {
  sessionStorage.removeItem(KEY_ITEM);
}

/** Ends both kinds of login: the SSO cookie (cleared by the gateway) and a stored key. */
export async function logout(): Promise<void> {
  clearKey();
  await fetch('/sso/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
}

/** Where the browser lands after login unless it asked for another page of this gateway. */
export const DEFAULT_AFTER_LOGIN_PATH = '/ui/';

/**
 * The `?redirect=` of /sso/key/generate when it is a path of this gateway, else the default:
 * only `/`-rooted paths, never `//host` or `/\host` (which browsers read as another origin).
 */
export function safeRedirectPath(requested: unknown): string {
  if (typeof requested !== 'string' || requested.length === 0 || requested.length > 2048) {
    return DEFAULT_AFTER_LOGIN_PATH;
  }
  if (!requested.startsWith('/') || requested.startsWith('//') || requested.startsWith('/\\')) {
    return DEFAULT_AFTER_LOGIN_PATH;
  }
  // Control characters and backslashes let some browsers rewrite the target to another host.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(requested)) return DEFAULT_AFTER_LOGIN_PATH;
  const probe = new URL(requested, 'http://gateway.invalid');
  return probe.origin === 'http://gateway.invalid' ? requested : DEFAULT_AFTER_LOGIN_PATH;
}

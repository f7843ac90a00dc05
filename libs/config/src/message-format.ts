/** One step into the YAML document: a mapping key or a list index. */
export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_][\w-]*$/;

/** Formats a path as `model_list[2].litellm_params.model`; keys that are not plain are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const key = String(segment);
      if (!PLAIN_KEY.test(key)) out += `[${JSON.stringify(key)}]`;
      else out += out.length === 0 ? key : `.${key}`;
    }
  }
  return out.length === 0 ? '(document)' : out;
}

const SECRET_KEY =
  /(api_key|master_key|secret|password|passwd|credential|database_url|access_key|private_key|auth_token|ad_token|session_token|bearer|authorization|cookie)/i;

/** Whether a key holds a secret whose value must never appear in a message. */
export function isSecretKey(key: PropertyKey | undefined): boolean {
  return typeof key === 'string' && SECRET_KEY.test(key);
}

/** Short, log-safe description of a value for `got ...` in messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

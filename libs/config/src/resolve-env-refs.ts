import { isRecord } from './is-record';
import { formatPath, type PathSegment } from './message-format';

const ENV_PREFIX = 'os.environ/';

export interface EnvRefResolution {
  /** The document with every `os.environ/NAME` string replaced by `env[NAME]`. */
  readonly value: unknown;
  /** Formatted path -> variable name, for every replaced value (lets messages name the variable). */
  readonly origins: ReadonlyMap<string, string>;
  /** References to variables that are not set (their value became undefined, as LiteLLM's None). */
  readonly missing: readonly { readonly name: string; readonly path: string }[];
}

/** Replaces `os.environ/NAME` strings anywhere in `value` (not in keys); returns a new tree. */
export function resolveEnvRefs(value: unknown, env: NodeJS.ProcessEnv): EnvRefResolution {
  const origins = new Map<string, string>();
  const missing: { name: string; path: string }[] = [];

  const walk = (node: unknown, path: PathSegment[]): unknown => {
    if (typeof node === 'string') {
      if (!node.startsWith(ENV_PREFIX)) return node;
      const name = node.slice(ENV_PREFIX.length);
      const formatted = formatPath(path);
      origins.set(formatted, name);
      const resolved = name.length > 0 ? env[name] : undefined;
      if (resolved === undefined) missing.push({ name, path: formatted });
      return resolved;
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, [...path, index]));
    if (isRecord(node)) {
      // Object.fromEntries defines own properties, so a `__proto__` key stays a plain key.
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return node;
  };

  return { value: walk(value, []), origins, missing };
}

/** Returns the variable name when `value` is an `os.environ/NAME` reference. */
export function envRefName(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith(ENV_PREFIX)
    ? value.slice(ENV_PREFIX.length)
    : undefined;
}

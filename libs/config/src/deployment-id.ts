import { createHash } from 'node:crypto';
import { isRecord } from './is-record';

/** JSON with object keys sorted at every level, so equal content always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    Object.defineProperty(sorted, key, {
      value: sortKeys(value[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return sorted;
}

/**
 * The default deployment id: sha256 hex (64 chars, like LiteLLM's) of the entry's `model_name` and
 * `litellm_params` as written in the file. Hashing them before `os.environ/` resolution keeps the
 * id stable when a secret rotates and keeps secret values out of an id that clients can see.
 */
export function defaultDeploymentId(modelName: unknown, rawLitellmParams: unknown): string {
  const text = canonicalJson({ model_name: modelName, litellm_params: rawLitellmParams });
  return createHash('sha256').update(text).digest('hex');
}

/** `model_info.id` when set (numbers are accepted as LiteLLM would stringify them), else the hash. */
export function deploymentIdOf(resolvedEntry: unknown, rawEntry: unknown): string {
  const info = isRecord(resolvedEntry) ? resolvedEntry['model_info'] : undefined;
  const explicit = isRecord(info) ? info['id'] : undefined;
  if (typeof explicit === 'string' && explicit.length > 0) return explicit;
  if (typeof explicit === 'number') return String(explicit);
  const raw = isRecord(rawEntry) ? rawEntry : {};
  return defaultDeploymentId(raw['model_name'], raw['litellm_params']);
}

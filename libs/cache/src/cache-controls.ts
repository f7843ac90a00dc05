import { GatewayError } from '@switchyard/kernel';

/** LiteLLM's per-request cache controls: `"cache": {...}` in the body (or top-level `caching`). */
export interface CacheControls {
  readonly lookup: boolean;
  readonly store: boolean;
  readonly ttlSeconds: number | undefined;
  /** Accept only entries younger than this. */
  readonly maxAgeSeconds: number | undefined;
  readonly namespace: string | undefined;
}

function seconds(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw GatewayError.badRequest(`cache.${name} must be a number of seconds`, `cache.${name}`);
  }
  return value;
}

export function cacheControlsOf(body: Readonly<Record<string, unknown>>, defaultOn: boolean): CacheControls {
  const raw = body.cache;
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw GatewayError.badRequest('cache must be an object of cache controls', 'cache');
  }
  const controls = (raw ?? {}) as Record<string, unknown>;
  const enabled = body.caching === false ? false : controls['use-cache'] === true || defaultOn;
  const namespace = controls.namespace;
  return {
    lookup: enabled && controls['no-cache'] !== true,
    store: enabled && controls['no-store'] !== true,
    ttlSeconds: seconds(controls.ttl, 'ttl'),
    maxAgeSeconds: seconds(controls['s-maxage'], 's-maxage'),
    namespace: typeof namespace === 'string' && namespace ? namespace : undefined,
  };
}

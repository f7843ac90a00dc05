/** Request and response bodies are untyped JSON until each field is checked. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A count field of an upstream body; 0 when absent or not a number. */
export function countField(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** An environment variable's value; an empty string counts as unset (`FOO=` in compose files). */
export function readEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Parses a whole number in [min, max] given as text (CLI flag or env var). */
export function parseIntSetting(
  label: string,
  text: string,
  min: number,
  max: number,
): { value: number } | { problem: string } {
  const trimmed = text.trim();
  const value = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return { value };
  return { problem: `${label}: expected an integer between ${min} and ${max}, got ${JSON.stringify(text)}` };
}

export function isTruthyEnvFlag(value: string | undefined): boolean {
  return value !== undefined && ['true', '1'].includes(value.trim().toLowerCase());
}

import { z } from 'zod';

// YAML (or an `os.environ/` reference) may give numbers as strings: `rpm: "600"`.
const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// PyYAML, which LiteLLM uses, reads YAML 1.1 where yes/no/on/off are booleans too.
const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  on: true,
  off: false,
};

/** YAML `key:` with no value (null), and an empty env var, mean "not set" as in LiteLLM. */
function blankToUndefined(value: unknown): unknown {
  return value === null || value === '' ? undefined : value;
}

export function coerceNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return NUMERIC.test(trimmed) ? Number(trimmed) : value;
}

export function coerceBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const word = BOOLEAN_WORDS[value.trim().toLowerCase()];
  return word ?? value;
}

export const optionalString = () => z.preprocess(blankToUndefined, z.string().optional());

export const optionalNumber = <T extends z.ZodType<number>>(schema: T) =>
  z.preprocess((value) => coerceNumber(blankToUndefined(value)), schema.optional());

export const optionalBoolean = () =>
  z.preprocess((value) => coerceBoolean(blankToUndefined(value)), z.boolean().optional());

/** A section or sub-mapping that may be absent or written with no value. */
export const optionalMapping = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());

export const nonNegativeInt = () => z.int().min(0);
export const nonNegativeNumber = () => z.number().min(0);
export const positiveNumber = () => z.number().positive();
export const portNumber = () => z.int().min(1).max(65535);

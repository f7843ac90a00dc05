import type { z } from 'zod';
import { describeValue, formatPath, isSecretKey } from './message-format';

const EXPECTED_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean (true or false)',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
};

/**
 * Builds the per-parse zod error map that words every problem as `expected ..., got ...`.
 * `origins` maps a formatted path to the env variable its value came from. Values under a secret
 * key (api_key, master_key, password...) are never echoed.
 */
export function configErrorMap(origins: ReadonlyMap<string, string>): z.core.$ZodErrorMap {
  return (issue) => {
    const path = issue.path ?? [];
    const secret = isSecretKey(path[path.length - 1]);
    const envName = origins.get(formatPath(path));
    const fromEnv = envName === undefined ? '' : ` (from os.environ/${envName})`;
    const got = secret ? '' : `, got ${describeValue(issue.input)}`;

    switch (issue.code) {
      case 'invalid_type': {
        if (issue.input === undefined) {
          return envName === undefined ? 'required' : `required, but os.environ/${envName} is not set`;
        }
        const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
        return `expected ${expected}${got}${fromEnv}`;
      }
      case 'too_small':
      case 'too_big': {
        const isMin = issue.code === 'too_small';
        if (issue.origin === 'string' && isMin) return `must not be empty${fromEnv}`;
        const op = `${isMin ? '>' : '<'}${issue.inclusive ? '=' : ''}`;
        const bound = isMin ? issue.minimum : issue.maximum;
        return `expected a number ${op} ${String(bound)}${got}${fromEnv}`;
      }
      case 'invalid_value':
        return `expected one of ${issue.values.map(String).join(', ')}${got}${fromEnv}`;
      // Not produced by this schema's fields (or worded by the schema): zod's default wording.
      case 'custom':
      case 'invalid_element':
      case 'invalid_format':
      case 'invalid_key':
      case 'invalid_union':
      case 'not_multiple_of':
      case 'unrecognized_keys':
        return undefined;
    }
  };
}

/** `<path>: <message>` lines for a failed parse. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

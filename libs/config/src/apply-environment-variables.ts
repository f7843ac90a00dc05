import { isRecord } from './is-record';
import { describeValue, formatPath, isSecretKey } from './message-format';
import { envRefName } from './resolve-env-refs';

export interface EnvironmentVariablesResult {
  readonly problems: readonly string[];
  readonly missing: readonly { readonly name: string; readonly path: string }[];
}

/**
 * Writes the top-level `environment_variables` map into `env`, overwriting existing values as
 * LiteLLM does, so that later `os.environ/` references and env settings see them.
 */
export function applyEnvironmentVariables(
  section: unknown,
  env: NodeJS.ProcessEnv,
): EnvironmentVariablesResult {
  const problems: string[] = [];
  const missing: { name: string; path: string }[] = [];
  if (section === undefined || section === null) return { problems, missing };
  if (!isRecord(section)) {
    problems.push(`environment_variables: expected a mapping, got ${describeValue(section)}`);
    return { problems, missing };
  }
  for (const [name, value] of Object.entries(section)) {
    const path = formatPath(['environment_variables', name]);
    const refName = envRefName(value);
    if (refName !== undefined) {
      const resolved = env[refName];
      if (resolved === undefined) missing.push({ name: refName, path });
      else env[name] = resolved;
    } else if (typeof value === 'string' || typeof value === 'number') {
      env[name] = String(value);
    } else if (typeof value === 'boolean') {
      // Python's str(True): what LiteLLM writes into os.environ.
      env[name] = value ? 'True' : 'False';
    } else if (value !== null) {
      const got = isSecretKey(name) ? '' : `, got ${describeValue(value)}`;
      problems.push(`${path}: expected a string, number or boolean${got}`);
    }
  }
  return { problems, missing };
}

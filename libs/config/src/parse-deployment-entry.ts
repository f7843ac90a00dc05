import { deploymentSchema } from './config.schema';
import { deepFreeze } from './deep-freeze';
import type { DeploymentConfig } from './gateway-config.types';
import { isRecord } from './is-record';
import { resolveEnvRefs } from './resolve-env-refs';
import { semanticProblems } from './semantic-checks';
import { toDeployment } from './to-gateway-config';
import { configErrorMap, formatIssues } from './zod-issues';

/**
 * One `model_list` entry stored in the database (`/model/new`), checked by the same rules as
 * config.yaml. Problems are named by their path inside the entry (`litellm_params.model: ...`).
 */
export function parseDeploymentEntry(
  entry: unknown,
  env: NodeJS.ProcessEnv = process.env,
): { deployment: DeploymentConfig } | { problems: string[] } {
  if (!isRecord(entry))
    return { problems: ['(body): expected an object with model_name and litellm_params'] };
  const resolution = resolveEnvRefs({ model_list: [entry] }, env);
  const resolved = resolution.value as { model_list: unknown[] };
  const parsed = deploymentSchema.safeParse(resolved.model_list[0], {
    error: configErrorMap(resolution.origins),
  });
  const problems = [
    ...(parsed.success ? [] : formatIssues(parsed.error).map((p) => `model_list[0].${p}`)),
    ...semanticProblems(resolved, { model_list: [entry] }, env, resolution.origins),
  ].map((p) => p.replace(/^model_list\[0\]\./, ''));
  if (!parsed.success || problems.length > 0) return { problems };
  return { deployment: deepFreeze(toDeployment(parsed.data, resolved.model_list[0], entry, env)) };
}

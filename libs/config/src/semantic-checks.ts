import { deploymentIdOf } from './deployment-id';
import { readEnv } from './env-values';
import { isRecord } from './is-record';
import { formatPath } from './message-format';
import { PROVIDER_ENV_DEFAULTS } from './provider-env-defaults';

const MASTER_KEY_PREFIX = 'sk-';

/**
 * Checks that span several fields or the environment. They read the env-resolved document
 * defensively, so they run (and report) even when the schema found other problems.
 */
export function semanticProblems(
  resolved: Readonly<Record<string, unknown>>,
  raw: Readonly<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
  origins: ReadonlyMap<string, string>,
): string[] {
  return [
    ...requiredParamProblems(resolved['model_list'], env, origins),
    ...duplicateIdProblems(resolved['model_list'], raw['model_list']),
    ...masterKeyProblems(resolved['general_settings'], env, origins),
  ];
}

// Providers that cannot work without these params (set in the deployment or the environment).
const REQUIRED_PARAMS: Readonly<Record<string, ReadonlyArray<readonly [string, readonly string[]]>>> = {
  azure: [
    ['api_base', PROVIDER_ENV_DEFAULTS.azure.apiBase ?? []],
    ['api_version', PROVIDER_ENV_DEFAULTS.azure.apiVersion ?? []],
  ],
  hosted_vllm: [['api_base', PROVIDER_ENV_DEFAULTS.hosted_vllm.apiBase ?? []]],
};

function requiredParamProblems(
  modelList: unknown,
  env: NodeJS.ProcessEnv,
  origins: ReadonlyMap<string, string>,
): string[] {
  if (!Array.isArray(modelList)) return [];
  const problems: string[] = [];
  modelList.forEach((entry: unknown, index) => {
    const params = isRecord(entry) ? entry['litellm_params'] : undefined;
    if (!isRecord(params) || typeof params['model'] !== 'string') return;
    const provider = params['model'].slice(0, params['model'].indexOf('/'));
    for (const [field, envNames] of REQUIRED_PARAMS[provider] ?? []) {
      const value = params[field];
      if (value !== undefined && value !== null && value !== '') continue;
      if (envNames.some((name) => readEnv(env, name) !== undefined)) continue;
      const path = formatPath(['model_list', index, 'litellm_params', field]);
      const ref = origins.get(path);
      const why = ref === undefined ? `(or set ${envNames.join(' / ')})` : `but os.environ/${ref} is not set`;
      problems.push(`${path}: required for ${provider} deployments ${why}`);
    }
  });
  return problems;
}

function duplicateIdProblems(resolvedList: unknown, rawList: unknown): string[] {
  if (!Array.isArray(resolvedList)) return [];
  const rawEntries: readonly unknown[] = Array.isArray(rawList) ? rawList : [];
  const firstIndexById = new Map<string, number>();
  const problems: string[] = [];
  resolvedList.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) return;
    const id = deploymentIdOf(entry, rawEntries[index]);
    const first = firstIndexById.get(id);
    if (first === undefined) {
      firstIndexById.set(id, index);
      return;
    }
    const info = entry['model_info'];
    if (isRecord(info) && info['id'] !== undefined && info['id'] !== null && info['id'] !== '') {
      problems.push(
        `${formatPath(['model_list', index, 'model_info', 'id'])}: duplicate deployment id ${JSON.stringify(id)} (also used by model_list[${first}])`,
      );
    } else {
      problems.push(
        `${formatPath(['model_list', index])}: same model_name and litellm_params as model_list[${first}]; remove it or give each a distinct model_info.id`,
      );
    }
  });
  return problems;
}

function masterKeyProblems(
  generalSettings: unknown,
  env: NodeJS.ProcessEnv,
  origins: ReadonlyMap<string, string>,
): string[] {
  const fromConfig = isRecord(generalSettings) ? generalSettings['master_key'] : undefined;
  // A non-string master_key is a type error reported by the schema.
  if (fromConfig !== undefined && fromConfig !== null) {
    if (typeof fromConfig !== 'string' || fromConfig.startsWith(MASTER_KEY_PREFIX)) return [];
    const path = formatPath(['general_settings', 'master_key']);
    const ref = origins.get(path);
    const fromEnv = ref === undefined ? '' : ` (from os.environ/${ref})`;
    return [`${path}: must start with "${MASTER_KEY_PREFIX}"${fromEnv}`];
  }
  const fromEnv = readEnv(env, 'LITELLM_MASTER_KEY');
  if (fromEnv === undefined || fromEnv.startsWith(MASTER_KEY_PREFIX)) return [];
  return [`env LITELLM_MASTER_KEY: must start with "${MASTER_KEY_PREFIX}"`];
}

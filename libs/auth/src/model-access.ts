import type { KeyIdentity } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';

// LiteLLM's special entries of a `models` list.
const ALL_TEAM_MODELS = 'all-team-models';
const ALL_MODELS = new Set(['*', 'all-proxy-models']);

function allows(models: readonly string[], model: string): boolean {
  if (models.length === 0) return true;
  for (const entry of models) {
    if (entry === model || ALL_MODELS.has(entry)) return true;
    if (entry.endsWith('*') && model.startsWith(entry.slice(0, -1))) return true;
  }
  return false;
}

function list(models: readonly string[]): string {
  return `[${models.map((m) => `'${m}'`).join(', ')}]`;
}

/**
 * @hotpath The model a key may call for `requested`: its `aliases` applied, then the key's and
 * its team's allow-lists (empty = everything, `all-team-models` = the team's list). 403 otherwise.
 */
export function authorizeModel(identity: KeyIdentity, requested: string): string {
  const { key, team } = identity;
  const model = key.aliases[requested] ?? requested;
  const teamModels = team?.models ?? [];
  const keyModels = key.models.includes(ALL_TEAM_MODELS) ? teamModels : key.models;
  if (!allows(keyModels, model)) {
    throw GatewayError.forbidden(
      `key not allowed to access model. This key can only access models=${list(keyModels)}. Tried to access ${model}`,
      'key_model_access_denied',
      'model',
    );
  }
  if (!allows(teamModels, model)) {
    throw GatewayError.forbidden(
      `team not allowed to access model. This team can only access models=${list(teamModels)}. Tried to access ${model}`,
      'team_model_access_denied',
      'model',
    );
  }
  return model;
}

/** Whether `/v1/models` should list `model` for this key. */
export function canSeeModel(identity: KeyIdentity, model: string): boolean {
  const keyModels = identity.key.models.includes(ALL_TEAM_MODELS)
    ? (identity.team?.models ?? [])
    : identity.key.models;
  return allows(keyModels, model) && allows(identity.team?.models ?? [], model);
}

import type { DeploymentConfig } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';
import type { ModelCatalog } from '@switchyard/models';

import type { EndpointHealth } from './health-check.service';

/** LiteLLM's `GET /health` answer. */
export interface HealthResponse {
  readonly healthy_endpoints: Record<string, unknown>[];
  readonly unhealthy_endpoints: Record<string, unknown>[];
  readonly healthy_count: number;
  readonly unhealthy_count: number;
}

/** A deployment's `litellm_params` with its credentials removed (as `/model/info` shows them). */
export type PublicParams = (deployment: DeploymentConfig) => Record<string, unknown>;

export interface HealthTarget {
  /** `?model=`: a model group, or a deployment's `litellm_params.model`. */
  readonly model?: string | undefined;
  /** `?model_id=`: one deployment. */
  readonly modelId?: string | undefined;
}

const MASK = '*****';
/** Shorter values are not looked for in error messages: they would mask ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * The deployments a `GET /health` asks about: one by id (404 when unknown), those of a group or
 * with that `litellm_params.model` (else those the name routes to: alias, wildcard route), or all.
 */
export function targetDeployments(catalog: ModelCatalog, target: HealthTarget): DeploymentConfig[] {
  const all = catalog.allDeployments();
  if (target.modelId !== undefined) {
    const found = all.filter((d) => d.info.id === target.modelId);
    if (found.length === 0)
      throw GatewayError.notFound(`Model with ID ${target.modelId} not found`, 'model_id');
    return found;
  }
  const { model } = target;
  if (model === undefined) return all;
  const named = all.filter((d) => d.modelName === model || d.params.model === model);
  return named.length > 0 ? named : [...(catalog.resolve(model)?.deployments ?? [])];
}

/**
 * LiteLLM's shape: each endpoint is the deployment's public `litellm_params`, the `api_base` it
 * was called at and its `model_id`; unhealthy ones add the `error`, with any credential of the
 * deployment that the provider echoed masked.
 */
export function healthResponse(
  endpoints: readonly EndpointHealth[],
  publicParams: PublicParams,
): HealthResponse {
  const healthy: Record<string, unknown>[] = [];
  const unhealthy: Record<string, unknown>[] = [];
  for (const { deployment, apiBase, error } of endpoints) {
    const params = publicParams(deployment);
    const view: Record<string, unknown> = {
      ...params,
      model: deployment.params.model,
      ...(apiBase ? { api_base: apiBase } : {}),
      model_id: deployment.info.id,
    };
    if (error === undefined) healthy.push(view);
    else unhealthy.push({ ...view, error: masked(error, secretsOf(deployment, params)) });
  }
  return {
    healthy_endpoints: healthy,
    unhealthy_endpoints: unhealthy,
    healthy_count: healthy.length,
    unhealthy_count: unhealthy.length,
  };
}

/** The credential values of a deployment: api key, AWS keys, header values, and every param the public view left out. */
function secretsOf(deployment: DeploymentConfig, shown: Record<string, unknown>): string[] {
  const { params } = deployment;
  const values: unknown[] = [
    params.apiKey,
    params.aws?.accessKeyId,
    params.aws?.secretAccessKey,
    params.aws?.sessionToken,
    ...Object.values(params.extraHeaders),
    ...Object.entries(params.extra)
      .filter(([name]) => !(name in shown))
      .map(([, value]) => value),
  ];
  return values
    .filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

function masked(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(MASK);
  return out;
}

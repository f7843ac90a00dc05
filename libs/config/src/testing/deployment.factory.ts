import type { DeploymentConfig, DeploymentParams, ProviderName } from '../gateway-config.types';

/** A deployment for specs: `createDeployment('gpt-4o', 'openai/gpt-4o', { weight: 2 })`. */
export function createDeployment(
  modelName: string,
  model: string,
  params: Partial<DeploymentParams> = {},
  id = `${modelName}:${model}`,
): DeploymentConfig {
  const slash = model.indexOf('/');
  return {
    modelName,
    params: {
      model,
      provider: model.slice(0, slash) as ProviderName,
      providerModel: model.slice(slash + 1),
      apiBase: undefined,
      apiKey: undefined,
      apiVersion: undefined,
      organization: undefined,
      timeout: undefined,
      streamTimeout: undefined,
      maxRetries: undefined,
      rpm: undefined,
      tpm: undefined,
      weight: undefined,
      extraHeaders: {},
      aws: undefined,
      extra: {},
      ...params,
    },
    info: {
      id,
      mode: undefined,
      inputCostPerToken: undefined,
      outputCostPerToken: undefined,
      maxTokens: undefined,
      maxInputTokens: undefined,
      baseModel: undefined,
      extra: {},
    },
  };
}

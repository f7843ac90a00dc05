import { readEnv } from './env-values';
import type { ProviderName } from './gateway-config.types';

type DefaultedParam = 'apiKey' | 'apiBase' | 'apiVersion' | 'organization';

/**
 * Environment variables LiteLLM falls back to when a deployment leaves a parameter out (e.g. a
 * wildcard `openai/*` with no api_key uses OPENAI_API_KEY). Resolved here because only this
 * library reads the environment. First set variable wins.
 */
export const PROVIDER_ENV_DEFAULTS: Readonly<
  Record<ProviderName, Partial<Record<DefaultedParam, readonly string[]>>>
> = {
  openai: {
    apiKey: ['OPENAI_API_KEY'],
    apiBase: ['OPENAI_BASE_URL', 'OPENAI_API_BASE'],
    organization: ['OPENAI_ORGANIZATION'],
  },
  azure: {
    apiKey: ['AZURE_OPENAI_API_KEY', 'AZURE_API_KEY'],
    apiBase: ['AZURE_API_BASE'],
    apiVersion: ['AZURE_API_VERSION'],
  },
  anthropic: {
    apiKey: ['ANTHROPIC_API_KEY'],
    apiBase: ['ANTHROPIC_API_BASE', 'ANTHROPIC_BASE_URL'],
  },
  mock: {},
};

export function providerEnvDefault(
  provider: ProviderName,
  param: DefaultedParam,
  env: NodeJS.ProcessEnv,
): string | undefined {
  for (const name of PROVIDER_ENV_DEFAULTS[provider][param] ?? []) {
    const value = readEnv(env, name);
    if (value !== undefined) return value;
  }
  return undefined;
}

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
  gemini: { apiKey: ['GEMINI_API_KEY'], apiBase: ['GEMINI_API_BASE'] },
  // Bedrock API keys replace SigV4 with a bearer token.
  bedrock: { apiKey: ['AWS_BEARER_TOKEN_BEDROCK'] },
  mock: {},
  groq: { apiKey: ['GROQ_API_KEY'], apiBase: ['GROQ_API_BASE'] },
  mistral: { apiKey: ['MISTRAL_API_KEY'], apiBase: ['MISTRAL_API_BASE'] },
  deepseek: { apiKey: ['DEEPSEEK_API_KEY'], apiBase: ['DEEPSEEK_API_BASE'] },
  openrouter: { apiKey: ['OPENROUTER_API_KEY'], apiBase: ['OPENROUTER_API_BASE'] },
  together_ai: { apiKey: ['TOGETHERAI_API_KEY'], apiBase: ['TOGETHERAI_API_BASE'] },
  fireworks_ai: { apiKey: ['FIREWORKS_AI_API_KEY'], apiBase: ['FIREWORKS_AI_API_BASE'] },
  xai: { apiKey: ['XAI_API_KEY'], apiBase: ['XAI_API_BASE'] },
  perplexity: { apiKey: ['PERPLEXITYAI_API_KEY'], apiBase: ['PERPLEXITY_API_BASE'] },
  hosted_vllm: { apiKey: ['HOSTED_VLLM_API_KEY'], apiBase: ['HOSTED_VLLM_API_BASE'] },
  ollama: { apiKey: ['OLLAMA_API_KEY'], apiBase: ['OLLAMA_API_BASE'] },
  ollama_chat: { apiKey: ['OLLAMA_API_KEY'], apiBase: ['OLLAMA_API_BASE'] },
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

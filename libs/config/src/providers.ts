import type { ProviderName } from './gateway-config.types';

/** Provider prefixes this build can route to, in `litellm_params.model: <provider>/<model>`. */
export const SUPPORTED_PROVIDERS: readonly ProviderName[] = Object.freeze([
  'openai',
  'azure',
  'anthropic',
  'gemini',
  'bedrock',
  'mock',
  'groq',
  'mistral',
  'deepseek',
  'openrouter',
  'together_ai',
  'fireworks_ai',
  'xai',
  'perplexity',
  'hosted_vllm',
  'ollama',
  'ollama_chat',
]);

export function isSupportedProvider(name: string): name is ProviderName {
  return (SUPPORTED_PROVIDERS as readonly string[]).includes(name);
}

/** LiteLLM's `RoutingStrategy` enum values. */
export const ROUTING_STRATEGIES = Object.freeze([
  'simple-shuffle',
  'least-busy',
  'usage-based-routing',
  'usage-based-routing-v2',
  'latency-based-routing',
  'cost-based-routing',
  'provider-budget-routing',
] as const);

export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** The default routing strategy, and the one used for a strategy this build does not implement. */
export const IMPLEMENTED_ROUTING_STRATEGY: RoutingStrategy = 'simple-shuffle';

/** Strategies this build implements (`usage-based-routing` is served by the v2 implementation). */
export const IMPLEMENTED_ROUTING_STRATEGIES: ReadonlySet<RoutingStrategy> = new Set([
  'simple-shuffle',
  'least-busy',
  'latency-based-routing',
  'usage-based-routing',
  'usage-based-routing-v2',
  'cost-based-routing',
]);

/**
 * Splits `<provider>/<model>` and returns the problem, if any, worded for an error line.
 * Only the first `/` separates: `openai/ft:gpt-4o/x` is provider `openai`, model `ft:gpt-4o/x`.
 */
export function parseModelRef(
  model: string,
): { provider: ProviderName; providerModel: string } | { problem: string } {
  const supported = `this build supports: ${SUPPORTED_PROVIDERS.join(', ')}`;
  const slash = model.indexOf('/');
  if (slash < 0) {
    return {
      problem: `expected "<provider>/<model>" (e.g. "openai/${model}"), got ${JSON.stringify(model)} (${supported})`,
    };
  }
  const provider = model.slice(0, slash);
  const providerModel = model.slice(slash + 1);
  if (!isSupportedProvider(provider)) {
    return {
      problem: `unknown provider ${JSON.stringify(provider)} in ${JSON.stringify(model)} (${supported})`,
    };
  }
  if (providerModel.length === 0) {
    return { problem: `missing the model name after "${provider}/"` };
  }
  return { provider, providerModel };
}

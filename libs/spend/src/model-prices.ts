/** USD per token. `cachedInput` applies to prompt tokens served from the provider's prompt cache. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  readonly cachedInput?: number;
}

const M = 1e-6;
const price = (input: number, output: number, cachedInput?: number): ModelPrice => ({
  input: input * M,
  output: output * M,
  ...(cachedInput !== undefined ? { cachedInput: cachedInput * M } : {}),
});

/**
 * Bundled list prices (USD per million tokens, as published by each provider, 2026) of current
 * models; a deployment's `model_info.input_cost_per_token` / `output_cost_per_token` override them.
 * Keys are provider model names; Azure deployments use `base_model` to find theirs.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  // OpenAI (also Azure OpenAI through base_model)
  'gpt-4o': price(2.5, 10, 1.25),
  'gpt-4o-2024-08-06': price(2.5, 10, 1.25),
  'gpt-4o-2024-11-20': price(2.5, 10, 1.25),
  'gpt-4o-mini': price(0.15, 0.6, 0.075),
  'gpt-4.1': price(2, 8, 0.5),
  'gpt-4.1-mini': price(0.4, 1.6, 0.1),
  'gpt-4.1-nano': price(0.1, 0.4, 0.025),
  'gpt-5': price(1.25, 10, 0.125),
  'gpt-5-mini': price(0.25, 2, 0.025),
  'gpt-5-nano': price(0.05, 0.4, 0.005),
  o1: price(15, 60, 7.5),
  o3: price(2, 8, 0.5),
  'o3-mini': price(1.1, 4.4, 0.55),
  'o4-mini': price(1.1, 4.4, 0.275),
  'gpt-3.5-turbo': price(0.5, 1.5),
  'gpt-3.5-turbo-instruct': price(1.5, 2),
  'text-embedding-3-small': price(0.02, 0),
  'text-embedding-3-large': price(0.13, 0),
  'text-embedding-ada-002': price(0.1, 0),
  'omni-moderation-latest': price(0, 0),
  // Anthropic (also Bedrock's anthropic.* ids through base_model)
  'claude-opus-4-1': price(15, 75, 1.5),
  'claude-opus-4-5': price(5, 25, 0.5),
  'claude-sonnet-4-5': price(3, 15, 0.3),
  'claude-sonnet-4-5-20250929': price(3, 15, 0.3),
  'claude-sonnet-4': price(3, 15, 0.3),
  'claude-3-7-sonnet-latest': price(3, 15, 0.3),
  'claude-haiku-4-5': price(1, 5, 0.1),
  'claude-3-5-haiku-latest': price(0.8, 4, 0.08),
  // Google Gemini
  'gemini-2.5-pro': price(1.25, 10, 0.31),
  'gemini-2.5-flash': price(0.3, 2.5, 0.075),
  'gemini-2.5-flash-lite': price(0.1, 0.4, 0.025),
  'gemini-2.0-flash': price(0.1, 0.4, 0.025),
  'text-embedding-004': price(0, 0),
  // OpenAI-compatible providers
  'mistral-large-latest': price(2, 6),
  'mistral-small-latest': price(0.1, 0.3),
  'deepseek-chat': price(0.27, 1.1, 0.07),
  'deepseek-reasoner': price(0.55, 2.19, 0.14),
  'llama-3.3-70b-versatile': price(0.59, 0.79),
  'llama-3.1-8b-instant': price(0.05, 0.08),
  'grok-4': price(3, 15, 0.75),
  // Bedrock's own models (its anthropic.* ids are priced as the Anthropic models above)
  'amazon.titan-embed-text-v2:0': price(0.02, 0),
  'amazon.titan-embed-text-v1': price(0.1, 0),
  'amazon.nova-pro-v1:0': price(0.8, 3.2, 0.2),
  'amazon.nova-lite-v1:0': price(0.06, 0.24, 0.015),
  'cohere.embed-english-v3': price(0.1, 0),
  'cohere.embed-multilingual-v3': price(0.1, 0),
};

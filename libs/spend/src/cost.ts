import type { DeploymentConfig } from '@switchyard/config';

import { MODEL_PRICES, type ModelPrice } from './model-prices';

/** Token counts as the upstream reported them. */
export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
}

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;

/** @hotpath Reads OpenAI's usage object (prompt, completion, cached prompt tokens). */
export function usageOf(usage: Record<string, unknown> | undefined): Usage {
  if (!usage) return { promptTokens: 0, completionTokens: 0, cachedTokens: 0 };
  const details = usage.prompt_tokens_details as { cached_tokens?: unknown } | null | undefined;
  return {
    promptTokens: num(usage.prompt_tokens),
    completionTokens: num(usage.completion_tokens),
    cachedTokens: num(details?.cached_tokens),
  };
}

// Bedrock ids: an optional inference-profile region, the vendor, then a versioned model name.
const BEDROCK_ID =
  /^(?:(?:us|eu|apac|global|us-gov)\.)?(?:anthropic|amazon|meta|cohere|mistral|ai21|deepseek)\.(.+?)(?:-v\d+(?::\d+)?)?$/;

function lookup(name: string | undefined): ModelPrice | undefined {
  if (!name) return undefined;
  const bare = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  const exact = MODEL_PRICES[name] ?? MODEL_PRICES[bare];
  if (exact) return exact;
  const unprofiled = bare.replace(/^(?:us|eu|apac|global|us-gov)\./, '');
  const vendorless = BEDROCK_ID.exec(bare)?.[1];
  return MODEL_PRICES[unprofiled] ?? (vendorless === undefined ? undefined : MODEL_PRICES[vendorless]);
}

/**
 * The price of a deployment, resolved once per deployment: its own `model_info` prices first, then
 * the bundled table by `base_model` or the provider's model name. Undefined when unpriced.
 */
export function priceOf(deployment: DeploymentConfig, upstreamModel: string): ModelPrice | undefined {
  const { inputCostPerToken, outputCostPerToken, baseModel } = deployment.info;
  const table = lookup(baseModel) ?? lookup(upstreamModel);
  if (inputCostPerToken !== undefined || outputCostPerToken !== undefined) {
    return {
      input: inputCostPerToken ?? table?.input ?? 0,
      output: outputCostPerToken ?? table?.output ?? 0,
      ...(table?.cachedInput !== undefined && inputCostPerToken === undefined
        ? { cachedInput: table.cachedInput }
        : {}),
    };
  }
  return table;
}

/** @hotpath USD for one request: cached prompt tokens at the cached price when there is one. */
export function costOf(price: ModelPrice | undefined, usage: Usage): number {
  if (!price) return 0;
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const cachedPrice = price.cachedInput ?? price.input;
  return (
    (usage.promptTokens - cached) * price.input + cached * cachedPrice + usage.completionTokens * price.output
  );
}

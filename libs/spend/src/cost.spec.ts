import { createDeployment } from '@switchyard/config/testing';
import { describe, expect, it } from 'vitest';

import { costOf, priceOf, usageOf } from './cost';

describe('cost', () => {
  it('prices a bundled model, cached prompt tokens at the cached price', () => {
    const price = priceOf(createDeployment('g', 'openai/gpt-4o'), 'gpt-4o');
    const usage = usageOf({
      prompt_tokens: 1000,
      completion_tokens: 100,
      prompt_tokens_details: { cached_tokens: 400 },
    });
    expect(costOf(price, usage)).toBeCloseTo(600 * 2.5e-6 + 400 * 1.25e-6 + 100 * 1e-5, 12);
  });

  it('lets model_info prices override the table, and finds Azure prices through base_model', () => {
    const custom = createDeployment('g', 'openai/gpt-4o');
    const overridden = {
      ...custom,
      info: { ...custom.info, inputCostPerToken: 1e-6, outputCostPerToken: 2e-6 },
    };
    expect(
      costOf(priceOf(overridden, 'gpt-4o'), usageOf({ prompt_tokens: 10, completion_tokens: 5 })),
    ).toBeCloseTo(2e-5, 12);

    const azure = createDeployment('g', 'azure/my-deployment');
    const withBase = { ...azure, info: { ...azure.info, baseModel: 'azure/gpt-4o-mini' } };
    expect(priceOf(withBase, 'my-deployment')?.input).toBeCloseTo(0.15e-6, 15);
  });

  it('costs 0 for an unpriced model and tolerates missing or odd usage', () => {
    expect(priceOf(createDeployment('g', 'openai/unknown-model'), 'unknown-model')).toBeUndefined();
    expect(costOf(undefined, usageOf({ prompt_tokens: 10 }))).toBe(0);
    expect(usageOf({ prompt_tokens: -3, completion_tokens: 'x' })).toEqual({
      promptTokens: 0,
      completionTokens: 0,
      cachedTokens: 0,
    });
  });

  it('prices Bedrock ids: inference profiles, vendor prefixes and version suffixes', () => {
    const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
    expect(priceOf(createDeployment('g', `bedrock/${claude}`), claude)?.input).toBeCloseTo(3e-6, 15);
    const titan = 'amazon.titan-embed-text-v2:0';
    expect(priceOf(createDeployment('g', `bedrock/${titan}`), titan)?.input).toBeCloseTo(0.02e-6, 15);
    const nova = 'eu.amazon.nova-pro-v1:0';
    expect(priceOf(createDeployment('g', `bedrock/${nova}`), nova)?.output).toBeCloseTo(3.2e-6, 15);
    expect(priceOf(createDeployment('g', 'bedrock/meta.unknown-v1:0'), 'meta.unknown-v1:0')).toBeUndefined();
  });
});

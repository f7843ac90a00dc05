import type { DeploymentConfig } from '@switchyard/config';
import { createDeployment } from '@switchyard/config/testing';
import { GatewayError } from '@switchyard/kernel';
import { ModelCatalog } from '@switchyard/models';
import { describe, expect, it } from 'vitest';

import { healthResponse, targetDeployments } from './health-response';

const KEY = 'sk-distinctive-secret-123';
const a = createDeployment('gpt', 'openai/gpt-4o', { apiKey: KEY, apiBase: 'http://a/v1', rpm: 10 }, 'a');
const b = createDeployment(
  'gpt',
  'openai/fail-500',
  { apiKey: KEY, extra: { aws_secret_access_key: 'aws-secret-value', order: 1 } },
  'b',
);
const embed = createDeployment('embed', 'openai/text-embedding-3-small', {}, 'e');
const catalog = new ModelCatalog([a, b, embed], { 'gpt-latest': 'gpt' });

/** As ModelAdminService shows params: credentials dropped. */
const shown = (d: DeploymentConfig): Record<string, unknown> => {
  const out: Record<string, unknown> = { model: d.params.model, ...d.params.extra };
  if (d.params.apiBase) out.api_base = d.params.apiBase;
  if (d.params.rpm !== undefined) out.rpm = d.params.rpm;
  delete out.aws_secret_access_key;
  return out;
};

describe('healthResponse', () => {
  it("answers LiteLLM's shape with counts and no credential", () => {
    const body = healthResponse(
      [
        { deployment: a, apiBase: 'http://a/v1' },
        {
          deployment: b,
          apiBase: 'https://api.openai.com/v1',
          error: `Incorrect API key provided: ${KEY} (aws-secret-value)`,
        },
      ],
      shown,
    );
    expect(body).toEqual({
      healthy_endpoints: [{ model: 'openai/gpt-4o', api_base: 'http://a/v1', rpm: 10, model_id: 'a' }],
      unhealthy_endpoints: [
        {
          model: 'openai/fail-500',
          api_base: 'https://api.openai.com/v1',
          order: 1,
          model_id: 'b',
          error: 'Incorrect API key provided: ***** (*****)',
        },
      ],
      healthy_count: 1,
      unhealthy_count: 1,
    });
    expect(JSON.stringify(body)).not.toContain(KEY);
    expect(JSON.stringify(body)).not.toContain('aws-secret-value');
  });

  it('answers empty lists when nothing was checked', () => {
    expect(healthResponse([], shown)).toEqual({
      healthy_endpoints: [],
      unhealthy_endpoints: [],
      healthy_count: 0,
      unhealthy_count: 0,
    });
  });
});

describe('targetDeployments', () => {
  it('selects all, a group, a litellm_params.model, an alias, or one id', () => {
    expect(targetDeployments(catalog, {})).toEqual([a, b, embed]);
    expect(targetDeployments(catalog, { model: 'gpt' })).toEqual([a, b]);
    expect(targetDeployments(catalog, { model: 'openai/fail-500' })).toEqual([b]);
    expect(targetDeployments(catalog, { model: 'gpt-latest' })).toEqual([a, b]);
    expect(targetDeployments(catalog, { model: 'unknown' })).toEqual([]);
    expect(targetDeployments(catalog, { modelId: 'e' })).toEqual([embed]);
  });

  it('answers 404 for an unknown model_id', () => {
    expect(() => targetDeployments(catalog, { modelId: 'nope' })).toThrow(GatewayError);
    try {
      targetDeployments(catalog, { modelId: 'nope' });
    } catch (error) {
      expect((error as GatewayError).status).toBe(404);
    }
  });
});

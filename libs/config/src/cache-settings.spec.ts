import { afterAll, describe, expect, it } from 'vitest';

import { loadYaml, removeTempConfigs } from './testing/temp-config';

afterAll(() => removeTempConfigs());

describe('litellm_settings.cache', () => {
  it('is off unless cache: true', () => {
    expect(loadYaml('litellm_settings: {cache_params: {type: local}}').config.cache).toBeUndefined();
  });

  it("uses Redis by default when one is configured (LiteLLM's proxy default), else a local cache", () => {
    const withRedis = loadYaml('litellm_settings: {cache: true}', { REDIS_HOST: 'redis-host' });
    expect(withRedis.config.cache?.type).toBe('redis');
    expect(loadYaml('litellm_settings: {cache: true}').config.cache?.type).toBe('local');
    const local = loadYaml('litellm_settings: {cache: true, cache_params: {type: local}}', {
      REDIS_HOST: 'redis-host',
    });
    expect(local.config.cache?.type).toBe('local');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadGatewayConfig, type GatewayConfig } from '@switchyard/config';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { configSecrets, isSecretSettingName } from './config-secrets';

function load(document: object, env: NodeJS.ProcessEnv = {}): GatewayConfig {
  const file = join(mkdtempSync(join(tmpdir(), 'switchyard-logging-')), 'config.yaml');
  writeFileSync(file, stringify(document));
  return loadGatewayConfig(['--config', file], env).config;
}

describe('configSecrets', () => {
  const config = load(
    {
      model_list: [
        {
          model_name: 'gpt-4o',
          litellm_params: {
            model: 'openai/gpt-4o',
            api_key: 'sk-deployment-api-key',
            api_base: 'https://user:base-password@api.example.com/v1',
            extra_headers: { 'X-Tenant': 'Bearer header-token-value', 'X-Plain': 'plain-header-secret' },
            vertex_credentials: 'vertex-credentials-json',
          },
        },
        {
          model_name: 'claude',
          litellm_params: {
            model: 'bedrock/anthropic.claude-3',
            aws_access_key_id: 'AKIDLOGGINGTEST',
            aws_secret_access_key: 'aws-secret-access-key-value',
            aws_session_token: 'aws-session-token-value',
            aws_region_name: 'us-east-1',
          },
        },
      ],
      general_settings: { master_key: 'sk-master-key-value' },
      litellm_settings: {
        cache_params: { type: 'redis', host: 'cachehost', password: 'cache-redis-password' },
      },
      router_settings: { redis_password: 'router-redis-password' },
    },
    {
      LITELLM_SALT_KEY: 'salt-key-value',
      DATABASE_URL: 'postgresql://app:db%40password@db.internal:5432/litellm',
      GENERIC_CLIENT_SECRET: 'sso-generic-client-secret',
      REDIS_HOST: 'redis.internal',
      REDIS_PASSWORD: 'env-redis-password',
    },
  );
  const secrets = configSecrets(config);

  it('collects every credential of the config and the environment', () => {
    for (const secret of [
      'sk-master-key-value',
      'salt-key-value',
      'postgresql://app:db%40password@db.internal:5432/litellm',
      'db%40password',
      'db@password',
      'env-redis-password',
      'sk-deployment-api-key',
      'base-password',
      'Bearer header-token-value',
      'header-token-value',
      'plain-header-secret',
      'vertex-credentials-json',
      'AKIDLOGGINGTEST',
      'aws-secret-access-key-value',
      'aws-session-token-value',
      'cache-redis-password',
      'router-redis-password',
      'sso-generic-client-secret',
    ]) {
      expect(secrets, secret).toContain(secret);
    }
  });

  it('leaves model names, hosts and regions out', () => {
    for (const value of [
      'gpt-4o',
      'openai/gpt-4o',
      'bedrock/anthropic.claude-3',
      'us-east-1',
      'cachehost',
      'redis',
    ]) {
      expect(secrets).not.toContain(value);
    }
  });

  it('names credential settings as libs/models does, without the token limits', () => {
    expect(isSecretSettingName('api_key')).toBe(true);
    expect(isSecretSettingName('aws_secret_access_key')).toBe(true);
    expect(isSecretSettingName('redis_password')).toBe(true);
    expect(isSecretSettingName('max_tokens')).toBe(false);
    expect(isSecretSettingName('model')).toBe(false);
  });
});

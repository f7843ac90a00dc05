import { afterAll, describe, expect, it } from 'vitest';

import { resolveLogSettings, secretEnvValues } from './log-settings';
import { loadYaml, removeTempConfigs } from './testing/temp-config';

afterAll(removeTempConfigs);

const ONE_MODEL = `
model_list:
  - model_name: m
    litellm_params: { model: openai/gpt-4o, api_key: sk-upstream-key }
`;

describe('logging settings from the environment', () => {
  it('defaults to info and human-readable logs', () => {
    const { config } = loadYaml(ONE_MODEL, {});
    expect(config.logging.level).toBe('info');
    expect(config.litellmSettings.jsonLogs).toBe(false);
  });

  it('turns JSON logs on with JSON_LOGS=True (or json_logs: true)', () => {
    expect(loadYaml(ONE_MODEL, { JSON_LOGS: 'True' }).config.litellmSettings.jsonLogs).toBe(true);
    expect(loadYaml(ONE_MODEL, { JSON_LOGS: '1' }).config.litellmSettings.jsonLogs).toBe(true);
    expect(loadYaml(ONE_MODEL, { JSON_LOGS: 'False' }).config.litellmSettings.jsonLogs).toBe(false);
    const fromFile = loadYaml(`${ONE_MODEL}\nlitellm_settings: { json_logs: true }\n`, {});
    expect(fromFile.config.litellmSettings.jsonLogs).toBe(true);
  });

  it('maps LITELLM_LOG to a level and lets set_verbose raise it to debug', () => {
    expect(resolveLogSettings({ LITELLM_LOG: 'DEBUG' }, false).level).toBe('debug');
    expect(resolveLogSettings({ LITELLM_LOG: 'WARNING' }, false).level).toBe('warn');
    expect(resolveLogSettings({ LITELLM_LOG: 'error' }, false).level).toBe('error');
    expect(resolveLogSettings({ LITELLM_LOG: 'CRITICAL' }, false).level).toBe('fatal');
    expect(resolveLogSettings({ LITELLM_LOG: 'ERROR' }, true).level).toBe('debug');
    const verbose = loadYaml(`${ONE_MODEL}\nlitellm_settings: { set_verbose: true }\n`, {
      LITELLM_LOG: 'INFO',
    });
    expect(verbose.config.logging.level).toBe('debug');
  });

  it('warns about an unknown LITELLM_LOG and keeps info', () => {
    const { config, warnings } = loadYaml(ONE_MODEL, { LITELLM_LOG: 'LOUD' });
    expect(config.logging.level).toBe('info');
    expect(warnings.join('\n')).toContain('LITELLM_LOG="LOUD"');
  });

  it('collects the values of secret-looking variables, not the others', () => {
    const values = secretEnvValues({
      GENERIC_CLIENT_SECRET: 'sso-client-secret-value',
      OPENAI_API_KEY: 'sk-openai-env-key',
      AWS_SECRET_ACCESS_KEY: 'aws-secret-from-env',
      AWS_SESSION_TOKEN: 'aws-session-token-env',
      REDIS_PASSWORD: 'redis-password-env',
      DATABASE_URL: 'postgresql://u:pw@db:5432/x',
      UI_PASSWORD: 'ui-password-value',
      SHORT_KEY: 'abc',
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/someone',
      MAX_TOKENS: '100000000',
      LITELLM_LOG: 'DEBUGGING',
      npm_config_cache_key: 'npm-cache-value',
    });
    expect(values.sort()).toEqual(
      [
        'sso-client-secret-value',
        'sk-openai-env-key',
        'aws-secret-from-env',
        'aws-session-token-env',
        'redis-password-env',
        'postgresql://u:pw@db:5432/x',
        'ui-password-value',
      ].sort(),
    );
  });

  it('includes variables written by environment_variables', () => {
    const { config } = loadYaml(
      `${ONE_MODEL}\nenvironment_variables: { GENERIC_CLIENT_SECRET: from-config-file-secret }\n`,
    );
    expect(config.logging.secretEnvValues).toContain('from-config-file-secret');
  });
});

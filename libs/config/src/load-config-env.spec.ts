import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './load-config';
import {
  loadYaml,
  loadYamlError,
  problemLines,
  removeTempConfigs,
  writeTempConfig,
} from './testing/temp-config';

afterAll(removeTempConfigs);

describe('loadGatewayConfig: os.environ/ references', () => {
  it('replaces os.environ/NAME anywhere with the variable, coercing numbers', () => {
    const { config, warnings } = loadYaml(
      `
model_list:
  - model_name: m
    litellm_params:
      model: os.environ/MODEL
      api_key: os.environ/KEY
      rpm: os.environ/RPM
      tags: [os.environ/TAG]
general_settings:
  master_key: os.environ/MK
`,
      { MODEL: 'openai/gpt-4o', KEY: 'sk-upstream', RPM: '120', TAG: 'team-a', MK: 'sk-admin' },
    );
    expect(config.modelList[0]?.params).toMatchObject({
      model: 'openai/gpt-4o',
      apiKey: 'sk-upstream',
      rpm: 120,
    });
    expect(config.modelList[0]?.params.extra).toEqual({ tags: ['team-a'] });
    expect(config.masterKey).toBe('sk-admin');
    expect(warnings.join('\n')).not.toContain('os.environ/');
  });

  it('turns a missing variable into an absent value, with one warning naming (not showing) it', () => {
    const { config, warnings } = loadYaml(
      `
model_list:
  - model_name: m
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/NOPE_KEY, api_base: os.environ/NOPE_BASE}
`,
      {},
    );
    expect(config.modelList[0]?.params.apiKey).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('os.environ/NOPE_KEY (model_list[0].litellm_params.api_key)');
    expect(warnings[0]).toContain('os.environ/NOPE_BASE (model_list[0].litellm_params.api_base)');
  });

  it('fails a required field whose variable is missing, naming field and variable', () => {
    const error = loadYamlError(
      'model_list:\n  - model_name: m\n    litellm_params: {model: os.environ/THE_MODEL}\n',
    );
    expect(problemLines(error)).toEqual([
      'model_list[0].litellm_params.model: required, but os.environ/THE_MODEL is not set',
    ]);
  });

  it('names the variable when its value has the wrong type', () => {
    const error = loadYamlError(
      'model_list:\n  - model_name: m\n    litellm_params: {model: openai/x, rpm: os.environ/RPM}\n',
      { RPM: 'lots' },
    );
    expect(problemLines(error)).toEqual([
      'model_list[0].litellm_params.rpm: expected a number, got "lots" (from os.environ/RPM)',
    ]);
  });
});

describe('loadGatewayConfig: environment_variables', () => {
  it('writes the map into env before resolving references, overwriting existing values', () => {
    const env: NodeJS.ProcessEnv = { REGION: 'old', LITELLM_LOG: 'DEBUG' };
    const { config } = loadYaml(
      `
environment_variables:
  REGION: eu
  UPSTREAM_KEY: sk-from-config
  LITELLM_MASTER_KEY: sk-admin-from-config
  RPM: 60
  FLAG: true
  LITELLM_LOG: "INFO"
model_list:
  - model_name: m
    litellm_params: {model: openai/gpt-4o, api_key: os.environ/UPSTREAM_KEY, rpm: os.environ/RPM, region_name: os.environ/REGION}
`,
      env,
    );
    expect(env).toMatchObject({
      REGION: 'eu',
      UPSTREAM_KEY: 'sk-from-config',
      RPM: '60',
      FLAG: 'True',
      LITELLM_LOG: 'INFO',
    });
    expect(config.modelList[0]?.params).toMatchObject({
      apiKey: 'sk-from-config',
      rpm: 60,
      extra: { region_name: 'eu' },
    });
    expect(config.masterKey).toBe('sk-admin-from-config');
  });

  it('rejects a value that is not a scalar, without showing secret-looking values', () => {
    const error = loadYamlError('environment_variables:\n  SOME_SECRET: [hidden-value]\n  OTHER: {a: 1}\n');
    expect(problemLines(error)).toEqual([
      'environment_variables.SOME_SECRET: expected a string, number or boolean',
      'environment_variables.OTHER: expected a string, number or boolean, got a mapping',
    ]);
    expect(error.message).not.toContain('hidden-value');
  });
});

describe('loadGatewayConfig: flags, env and defaults', () => {
  it('takes the config path from --config, else CONFIG_FILE_PATH, resolving relative paths', () => {
    const fromFlag = writeTempConfig('model_list: [{model_name: flag, litellm_params: {model: mock/a}}]');
    const fromEnv = writeTempConfig('model_list: [{model_name: env, litellm_params: {model: mock/a}}]');
    const first = (argv: string[], env: NodeJS.ProcessEnv) =>
      loadGatewayConfig(argv, env).config.modelList[0]?.modelName;
    expect(first(['--config', fromFlag], { CONFIG_FILE_PATH: fromEnv })).toBe('flag');
    expect(first([], { CONFIG_FILE_PATH: fromEnv })).toBe('env');
    const rel = relative(process.cwd(), fromFlag);
    const { config } = loadGatewayConfig([`--config=${rel}`], {});
    expect(config.configPath).toBe(fromFlag);
  });

  it('falls back to ./config.yaml, and starts empty with a warning when it does not exist', () => {
    const previous = process.cwd();
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'switchyard-cwd-')));
    try {
      process.chdir(dir);
      const empty = loadGatewayConfig([], {});
      expect(empty.config.configPath).toBe(join(dir, 'config.yaml'));
      expect(empty.config.modelList).toEqual([]);
      expect(empty.warnings).toEqual([
        `no config file given (--config or CONFIG_FILE_PATH) and ${join(dir, 'config.yaml')} does not exist: starting with an empty configuration`,
      ]);
      writeFileSync(
        join(dir, 'config.yaml'),
        'model_list: [{model_name: cwd, litellm_params: {model: mock/a}}]',
      );
      expect(loadGatewayConfig([], {}).config.modelList[0]?.modelName).toBe('cwd');
    } finally {
      process.chdir(previous);
    }
  });

  it('takes port, host and workers from flags, else env, else defaults', () => {
    const path = writeTempConfig('');
    const env = { PORT: '8080', HOST: '127.0.0.1', NUM_WORKERS: '3' };
    expect(loadGatewayConfig(['-c', path], {}).config.server).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      numWorkers: 1,
    });
    expect(loadGatewayConfig(['-c', path], env).config.server).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      numWorkers: 3,
    });
    expect(
      loadGatewayConfig(['-c', path, '--port', '9000', '--host=::', '--num_workers', '2'], env).config.server,
    ).toMatchObject({ port: 9000, host: '::', numWorkers: 2 });
  });

  it('takes the shutdown grace period from SWITCHYARD_SHUTDOWN_GRACE_SECONDS (30 s by default)', () => {
    expect(loadYaml('').config.server.shutdownGraceMs).toBe(30_000);
    expect(loadYaml('', { SWITCHYARD_SHUTDOWN_GRACE_SECONDS: '5' }).config.server.shutdownGraceMs).toBe(5000);
    expect(() => loadYaml('', { SWITCHYARD_SHUTDOWN_GRACE_SECONDS: 'soon' })).toThrow(
      /SWITCHYARD_SHUTDOWN_GRACE_SECONDS/,
    );
  });

  it('reads only the env object it is given, never process.env', () => {
    const saved = process.env['PORT'];
    process.env['PORT'] = '1234';
    try {
      expect(loadYaml('').config.server.port).toBe(4000);
    } finally {
      if (saved === undefined) delete process.env['PORT'];
      else process.env['PORT'] = saved;
    }
  });

  it('warns once per ignored command-line flag', () => {
    const { warnings } = loadYaml('', {}, ['--debug', '--detailed_debug']);
    expect(warnings).toEqual([
      'ignoring unsupported command-line argument --debug',
      'ignoring unsupported command-line argument --detailed_debug',
    ]);
  });

  it('prefers general_settings.master_key over LITELLM_MASTER_KEY, and uses the env var otherwise', () => {
    expect(
      loadYaml('general_settings: {master_key: sk-file}', { LITELLM_MASTER_KEY: 'sk-env' }).config.masterKey,
    ).toBe('sk-file');
    expect(loadYaml('', { LITELLM_MASTER_KEY: 'sk-env' }).config.masterKey).toBe('sk-env');
  });

  it('prefers DATABASE_URL over general_settings.database_url', () => {
    const yaml = 'general_settings: {database_url: "postgres://file"}';
    expect(loadYaml(yaml).config.databaseUrl).toBe('postgres://file');
    expect(loadYaml(yaml, { DATABASE_URL: 'postgres://env' }).config.databaseUrl).toBe('postgres://env');
  });

  it('reads redis from REDIS_*, else router_settings, else cache_params', () => {
    const yaml = `
router_settings: {redis_host: router-host, redis_port: "6390", redis_password: router-pw}
litellm_settings: {cache_params: {type: redis, host: cache-host, port: 6391}}
`;
    expect(loadYaml(yaml, { REDIS_HOST: 'env-host' }).config.redis).toEqual({
      host: 'env-host',
      port: 6379,
      password: undefined,
    });
    expect(
      loadYaml(yaml, { REDIS_HOST: 'env-host', REDIS_PORT: '7000', REDIS_PASSWORD: 'pw' }).config.redis,
    ).toEqual({
      host: 'env-host',
      port: 7000,
      password: 'pw',
    });
    expect(loadYaml(yaml).config.redis).toEqual({ host: 'router-host', port: 6390, password: 'router-pw' });
    expect(loadYaml('litellm_settings: {cache_params: {host: cache-host}}').config.redis).toEqual({
      host: 'cache-host',
      port: 6379,
      password: undefined,
    });
    expect(
      loadYaml('litellm_settings: {cache_params: {type: s3, host: bucket}}').config.redis,
    ).toBeUndefined();
    expect(loadYaml('').config.redis).toBeUndefined();
  });

  it('turns storeModelInDb on from STORE_MODEL_IN_DB or general_settings', () => {
    expect(loadYaml('', { STORE_MODEL_IN_DB: 'True' }).config.storeModelInDb).toBe(true);
    expect(loadYaml('', { STORE_MODEL_IN_DB: '1' }).config.storeModelInDb).toBe(true);
    expect(loadYaml('', { STORE_MODEL_IN_DB: 'False' }).config.storeModelInDb).toBe(false);
    expect(loadYaml('general_settings: {store_model_in_db: true}').config.storeModelInDb).toBe(true);
  });

  it("fills a deployment's missing credentials from the provider's env vars, as LiteLLM does", () => {
    const { config } = loadYaml(
      `
model_list:
  - {model_name: all, litellm_params: {model: "openai/*"}}
  - {model_name: own, litellm_params: {model: openai/gpt-4o, api_key: sk-own}}
  - {model_name: az, litellm_params: {model: azure/dep}}
`,
      {
        OPENAI_API_KEY: 'sk-env',
        OPENAI_ORGANIZATION: 'org-1',
        AZURE_API_KEY: 'az-key',
        AZURE_API_BASE: 'https://az.example.com',
        AZURE_API_VERSION: '2024-10-21',
      },
    );
    expect(config.modelList.map((d) => d.params.apiKey)).toEqual(['sk-env', 'sk-own', 'az-key']);
    expect(config.modelList[0]?.params.organization).toBe('org-1');
    expect(config.modelList[2]?.params).toMatchObject({
      apiBase: 'https://az.example.com',
      apiVersion: '2024-10-21',
    });
  });
});

import { resolve } from 'node:path';

import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { freePort, runGateway, startGateway, writeConfig } from '../support/start-gateway';

const REPO = resolve(__dirname, '../..');

describe('start-up and configuration', () => {
  let upstream: MockUpstream;

  beforeAll(async () => {
    upstream = await startMockUpstream();
  });

  afterAll(async () => {
    await upstream?.close();
  });

  it('starts with no arguments on port 4000 with the example config and answers offline', async () => {
    const gateway = await startGateway({ config: '', rawArgs: [], cwd: REPO, port: 4000 });
    try {
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'none', maxRetries: 0 });
      const answer = await client.chat.completions.create({
        model: 'mock-gpt',
        messages: [{ role: 'user', content: 'hello' }],
      });
      expect(answer.choices[0]?.message.content).toContain('hello');
      expect(gateway.output()).toContain('No master key is configured');
      // The example config uses only settings this build implements.
      expect(gateway.output()).not.toContain('not implemented');
    } finally {
      await gateway.stop();
    }
  });

  it('takes the config file and port from CONFIG_FILE_PATH and PORT', async () => {
    const port = await freePort();
    const file = writeConfig({ model_list: [{ model_name: 'm', litellm_params: { model: 'mock/m' } }] });
    const gateway = await startGateway({
      config: '',
      rawArgs: [],
      env: { CONFIG_FILE_PATH: file, PORT: String(port) },
      port,
    });
    try {
      const models = (await (await fetch(`${gateway.url}/v1/models`)).json()) as {
        data: Array<{ id: string }>;
      };
      expect(models.data.map((m) => m.id)).toEqual(['m']);
    } finally {
      await gateway.stop();
    }
  });

  it('resolves os.environ/ references and environment_variables', async () => {
    const gateway = await startGateway({
      config: {
        environment_variables: { UPSTREAM_BASE: `${upstream.url}/v1` },
        model_list: [
          {
            model_name: 'gpt-4o',
            litellm_params: {
              model: 'openai/gpt-4o',
              api_base: 'os.environ/UPSTREAM_BASE',
              api_key: 'os.environ/MY_KEY',
            },
          },
        ],
      },
      env: { MY_KEY: 'sk-from-env' },
    });
    try {
      const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'none', maxRetries: 0 });
      await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
      expect(upstream.requests.at(-1)?.headers.authorization).toBe('Bearer sk-from-env');
    } finally {
      await gateway.stop();
    }
  });

  it('accepts settings it does not implement yet with one warning', async () => {
    const gateway = await startGateway({
      config: {
        model_list: [{ model_name: 'm', litellm_params: { model: 'mock/m', order: 1 } }],
        litellm_settings: { cache_responses: true, callbacks: ['prometheus'] },
        router_settings: { fallbacks: [{ m: ['n'] }], routing_strategy: 'provider-budget-routing' },
        general_settings: { alert_types: ['budget_alerts'] },
        credential_list: [],
      },
    });
    try {
      const output = gateway.output();
      const warnings = output.split('\n').filter((line) => line.includes('not implemented'));
      expect(warnings).toHaveLength(1);
      for (const name of [
        'litellm_settings.cache_responses',
        'router_settings.routing_strategy=provider-budget-routing',
        'general_settings.alert_types',
        'credential_list',
      ]) {
        expect(warnings[0]).toContain(name);
      }
    } finally {
      await gateway.stop();
    }
  });

  it.each([
    [
      'a missing model',
      'model_list:\n  - model_name: a\n    litellm_params:\n      model: mock/a\n  - model_name: b\n    litellm_params: {}\n',
      ['model_list[1].litellm_params.model'],
    ],
    [
      'an unknown provider',
      'model_list:\n  - model_name: a\n    litellm_params:\n      model: nope/a\n',
      ['model_list[0].litellm_params.model', 'unknown provider'],
    ],
    [
      'a wrong type',
      'model_list:\n  - model_name: a\n    litellm_params:\n      model: mock/a\n      timeout: soon\n',
      ['model_list[0].litellm_params.timeout'],
    ],
    ['bad YAML', 'model_list:\n  - model_name: [unclosed\n', ['line']],
    ['a non-mapping document', '- just\n- a list\n', []],
  ])('exits non-zero on %s, naming the file and the field', async (_name, yaml, expected) => {
    const file = writeConfig(yaml);
    const { code, output } = await runGateway(['--config', file, '--port', String(await freePort())]);
    expect(code).not.toBe(0);
    expect(output).toContain(file);
    for (const text of expected) expect(output).toContain(text);
  });

  it('exits non-zero on an unreadable config file', async () => {
    const missing = await runGateway(['--config', '/nonexistent/config.yaml']);
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('/nonexistent/config.yaml');

    const folder = resolve(writeConfig(''), '..');
    const directory = await runGateway(['--config', folder]);
    expect(directory.code).not.toBe(0);
    expect(directory.output).toContain(folder);
  });

  it('never prints a secret in a config error', async () => {
    const file = writeConfig('general_settings:\n  master_key: not-sk-secret-value-123\n');
    const { code, output } = await runGateway(['--config', file]);
    expect(code).not.toBe(0);
    expect(output).toContain('general_settings.master_key');
    expect(output).not.toContain('not-sk-secret-value-123');
  });

  it('runs N processes on one port with --num_workers', async () => {
    const port = await freePort();
    const file = writeConfig({ model_list: [{ model_name: 'm', litellm_params: { model: 'mock/m' } }] });
    const gateway = await startGateway({
      config: '',
      rawArgs: ['--config', file, '--port', String(port), '--num_workers', '2'],
      port,
    });
    try {
      const deadline = Date.now() + 15_000;
      while (gateway.output().split('listening on').length - 1 < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(gateway.output().split('listening on').length - 1).toBe(2);
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          fetch(`${gateway.url}/v1/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
          }).then((r) => r.status),
        ),
      );
      expect(answers.every((s) => s === 200)).toBe(true);
    } finally {
      expect(await gateway.stop()).toBe(0);
    }
  });
});

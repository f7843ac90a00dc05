import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@nestjs/common';
import { loadGatewayConfig, type GatewayConfig } from '@switchyard/config';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';

import { createAppLogging } from './app-logging';
import { REDACTED } from './secret-scrubber';

const UPSTREAM_KEY = 'sk-upstream-secret-for-app-logging';
const MASTER_KEY = 'sk-master-for-app-logging';

function load(litellmSettings: object, env: NodeJS.ProcessEnv = {}): GatewayConfig {
  const file = join(mkdtempSync(join(tmpdir(), 'switchyard-logging-')), 'config.yaml');
  writeFileSync(
    file,
    stringify({
      model_list: [{ model_name: 'm', litellm_params: { model: 'openai/gpt-4o', api_key: UPSTREAM_KEY } }],
      general_settings: { master_key: MASTER_KEY },
      litellm_settings: litellmSettings,
    }),
  );
  return loadGatewayConfig(['--config', file], env).config;
}

afterEach(() => {
  vi.restoreAllMocks();
  Logger.overrideLogger(false);
});

describe('createAppLogging', () => {
  it('json_logs: Nest loggers write pino lines with level, time, msg and context, secrets scrubbed', () => {
    const lines: string[] = [];
    const logging = createAppLogging(load({ json_logs: true, set_verbose: true }), {
      write: (line: string) => lines.push(line),
    });
    expect(logging.json).toBe(true);
    expect(logging.level).toBe('debug');
    Logger.overrideLogger(logging.nestLogger);
    const logger = new Logger('Upstream');
    logger.debug(`calling with ${UPSTREAM_KEY}`);
    logger.log('plain message');
    logger.verbose('below debug');
    const failure = new Error(`rejected ${MASTER_KEY}`);
    logger.error(failure.message, failure.stack);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => [r.level, r.context, r.msg])).toEqual([
      ['debug', 'Upstream', `calling with ${REDACTED}`],
      ['info', 'Upstream', 'plain message'],
      ['error', 'Upstream', `rejected ${REDACTED}`],
    ]);
    for (const record of records) expect(typeof record.time).toBe('string');
    expect(lines.join('')).not.toContain(UPSTREAM_KEY);
    expect(lines.join('')).not.toContain(MASTER_KEY);
  });

  it('human-readable: Nest console lines at the configured level, secrets scrubbed', () => {
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array): boolean => {
      written.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const logging = createAppLogging(load({}, { LITELLM_LOG: 'INFO' }));
    expect(logging.json).toBe(false);
    expect(logging.pino).toBeUndefined();
    Logger.overrideLogger(logging.nestLogger);
    const logger = new Logger('Upstream');
    logger.debug(`hidden ${UPSTREAM_KEY}`);
    logger.warn(`retrying with ${UPSTREAM_KEY}`);
    const failure = new Error(`rejected ${MASTER_KEY}`);
    logger.error(failure.message, failure.stack);
    // eslint-disable-next-line no-control-regex -- Nest's colours
    const text = written.join('').replace(/\u001b\[[\d;]*m/g, '');
    expect(text).toMatch(/\[Nest\] \d+ {2}- .* +WARN \[Upstream\] retrying with \*{5}/);
    expect(text).toContain('ERROR [Upstream] rejected *****');
    expect(text).toContain('Error: rejected *****');
    expect(text).not.toContain('hidden');
    expect(text).not.toContain(UPSTREAM_KEY);
    expect(text).not.toContain(MASTER_KEY);
  });
});

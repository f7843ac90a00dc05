import type { LoggerService } from '@nestjs/common';
import type { DeploymentAttempt, RequestSummary } from '@switchyard/kernel';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';

import { AccessLog, accessLogText } from './access-log';
import type { AppLogging } from './app-logging';
import { pinoOptions, scrubbingDestination } from './pino-options';
import { SecretScrubber } from './secret-scrubber';

const VIRTUAL_KEY = 'sk-virtualkeyvirtualkeyvirtualkey0123456789';

const SUMMARY: RequestSummary = {
  requestId: 'req-123',
  callType: 'chat',
  status: 200,
  success: true,
  stream: true,
  requestedModel: 'gpt-4o',
  modelGroup: 'gpt-4o',
  deploymentId: 'dep-1',
  litellmModel: 'openai/gpt-4o',
  provider: 'openai',
  apiBase: 'http://127.0.0.1:9999/v1',
  keyHash: 'hash-of-the-key-0123456789abcdef',
  keyAlias: 'team-a-key',
  userId: 'user-1',
  teamId: 'team-1',
  teamAlias: null,
  endUser: null,
  latencyMs: 12.345,
  llmLatencyMs: 10.04,
  timeToFirstTokenMs: 3.21,
  promptTokens: 11,
  completionTokens: 7,
  cost: 0.00012,
  cacheHit: false,
  retries: 0,
  fallbacks: 1,
  exceptionClass: null,
  errorMessage: null,
  remainingKeyBudget: null,
  remainingTeamBudget: null,
  keyMaxBudget: null,
  teamMaxBudget: null,
};

const ATTEMPT: DeploymentAttempt = {
  deploymentId: 'dep-1',
  litellmModel: 'openai/gpt-4o',
  modelGroup: 'gpt-4o',
  provider: 'openai',
  apiBase: 'http://127.0.0.1:9999/v1',
  success: false,
  status: 401,
  exceptionClass: 'AuthenticationError',
  latencyMs: 4.2,
  keyHash: 'hash-of-the-key-0123456789abcdef',
  keyAlias: 'team-a-key',
  teamId: 'team-1',
  teamAlias: null,
};

function jsonLogging(level: 'debug' | 'info' | 'warn') {
  const lines: string[] = [];
  const scrubber = new SecretScrubber([VIRTUAL_KEY]);
  const root = pino(
    pinoOptions(level),
    scrubbingDestination(scrubber, { write: (l: string) => lines.push(l) }),
  );
  const logging: AppLogging = { json: true, level, scrubber, nestLogger: {} as LoggerService, pino: root };
  return {
    access: new AccessLog(logging),
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('AccessLog', () => {
  it('writes one JSON line per request with the summary fields and no key', () => {
    const { access, records } = jsonLogging('info');
    access.request(SUMMARY);
    expect(records()).toHaveLength(1);
    const [line] = records();
    expect(line).toMatchObject({
      level: 'info',
      context: 'AccessLog',
      msg: 'chat gpt-4o 200 12.3ms',
      request_id: 'req-123',
      key_alias: 'team-a-key',
      user: 'user-1',
      team: 'team-1',
      model: 'gpt-4o',
      model_group: 'gpt-4o',
      deployment: 'dep-1',
      status: 200,
      latency_ms: 12.3,
      ttft_ms: 3.2,
      prompt_tokens: 11,
      completion_tokens: 7,
      total_tokens: 18,
      cost: 0.00012,
      cache_hit: false,
      stream: true,
      fallbacks: 1,
    });
    expect(typeof line?.time).toBe('string');
    expect(JSON.stringify(line)).not.toContain('hash-of-the-key');
  });

  it('logs deployment calls at debug only', () => {
    const info = jsonLogging('info');
    info.access.attempt('req-123', ATTEMPT);
    expect(info.records()).toHaveLength(0);
    const debug = jsonLogging('debug');
    debug.access.attempt('req-123', ATTEMPT);
    expect(debug.records()).toEqual([
      expect.objectContaining({
        level: 'debug',
        context: 'DeploymentCall',
        request_id: 'req-123',
        deployment: 'dep-1',
        status: 401,
        error_class: 'AuthenticationError',
      }),
    ]);
  });

  it('writes nothing when the level is above info', () => {
    const { access, records } = jsonLogging('warn');
    access.request(SUMMARY);
    expect(records()).toHaveLength(0);
  });

  it("writes a line in Nest's console format with name=value pairs, scrubbed, in human-readable mode", async () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const logging: AppLogging = {
      json: false,
      level: 'info',
      scrubber: new SecretScrubber([VIRTUAL_KEY]),
      nestLogger: {} as LoggerService,
      pino: undefined,
    };
    try {
      new AccessLog(logging).request({
        ...SUMMARY,
        keyAlias: `alias ${VIRTUAL_KEY}`,
        errorMessage: 'bad thing happened',
        status: 502,
        success: false,
      });
      expect(written).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      write.mockRestore();
    }
    expect(written).toHaveLength(1);
    // eslint-disable-next-line no-control-regex -- ANSI colour codes
    const line = written[0]!.replace(/\x1B\[[\d;]*m/g, '');
    expect(line).toMatch(
      /^\[Nest\] \d+ {2}- \S.* {4}LOG \[AccessLog\] chat gpt-4o 502 12\.3ms request_id=req-123 .*\n$/,
    );
    expect(line).toContain(' key_alias="alias *****" ');
    expect(line).toContain(' ttft_ms=3.2 ');
    expect(line).toContain(' end_user=- ');
    expect(line).toContain(' error="bad thing happened"');
    expect(line).not.toContain('hash-of-the-key');
    expect(accessLogText(SUMMARY)).not.toContain('keyHash');
  });
});

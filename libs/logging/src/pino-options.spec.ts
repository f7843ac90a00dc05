import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { pinoOptions, REDACT_PATHS, scrubbingDestination } from './pino-options';
import { REDACTED, SecretScrubber } from './secret-scrubber';

function memoryLogger(level: 'debug' | 'info', secrets: string[] = []) {
  const lines: string[] = [];
  const logger = pino(
    pinoOptions(level),
    scrubbingDestination(new SecretScrubber(secrets), { write: (line: string) => lines.push(line) }),
  );
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

describe('pino options of the JSON logs', () => {
  it('writes level as a label, an ISO time and msg', () => {
    const { logger, records } = memoryLogger('info');
    logger.info({ context: 'Test' }, 'hello');
    logger.debug('not at info');
    const [record] = records();
    expect(records()).toHaveLength(1);
    expect(record).toMatchObject({ level: 'info', msg: 'hello', context: 'Test' });
    expect(new Date(String(record?.time)).toISOString()).toBe(record?.time);
  });

  it('gives every line a msg, even when only an object is logged', () => {
    const { logger, records } = memoryLogger('info');
    logger.info({ context: 'Nest', detail: 1 });
    logger.error({ err: new Error('it broke') });
    logger.error(new Error('thrown'));
    expect(records().map((r) => r.msg)).toEqual(['', 'it broke', 'thrown']);
  });

  it('redacts credential headers and fields wherever a logged object carries them', () => {
    const { logger, lines, records } = memoryLogger('debug');
    logger.debug(
      {
        req: {
          headers: {
            authorization: 'Bearer not-configured-anywhere',
            'api-key': 'azure-style-key',
            'x-api-key': 'anthropic-style-key',
            cookie: 'session=cookie-value',
            'content-type': 'application/json',
          },
        },
        headers: { 'x-goog-api-key': 'google-style-key' },
        api_key: 'top-level-key',
        deployment: { apiKey: 'nested-key', model: 'gpt-4o' },
        password: 'pw-value-here',
      },
      'upstream call',
    );
    const [record] = records() as [Record<string, Record<string, Record<string, unknown>>>];
    expect(record.req?.headers).toEqual({
      authorization: REDACTED,
      'api-key': REDACTED,
      'x-api-key': REDACTED,
      cookie: REDACTED,
      'content-type': 'application/json',
    });
    expect(record.headers?.['x-goog-api-key']).toBe(REDACTED);
    expect(record.deployment).toEqual({ apiKey: REDACTED, model: 'gpt-4o' });
    for (const secret of [
      'not-configured',
      'azure-style',
      'anthropic-style',
      'cookie-value',
      'google-style',
      'top-level-key',
      'nested-key',
      'pw-value',
    ]) {
      expect(lines.join('')).not.toContain(secret);
    }
    expect(REDACT_PATHS).toContain('req.headers["x-api-key"]');
    expect(REDACT_PATHS.some((path) => path.includes('*'))).toBe(false);
  });

  it('scrubs configured secrets from messages, fields and error stacks at every level', () => {
    const { logger, lines, records } = memoryLogger('debug', [
      'configured-secret-1',
      'configured "quoted" secret',
    ]);
    logger.debug('debug with configured-secret-1 inside');
    logger.warn({ detail: 'value=configured-secret-1;' }, 'warned');
    logger.error({ err: new Error('upstream said configured "quoted" secret is wrong') }, 'failed');
    const text = lines.join('');
    expect(text).not.toContain('configured-secret-1');
    expect(text).not.toContain('quoted');
    expect(records().map((r) => r.msg)).toEqual([`debug with ${REDACTED} inside`, 'warned', 'failed']);
    expect(records()[1]?.detail).toBe(`value=${REDACTED};`);
  });
});

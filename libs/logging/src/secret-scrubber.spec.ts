import { describe, expect, it } from 'vitest';

import { REDACTED, SecretScrubber } from './secret-scrubber';

describe('SecretScrubber', () => {
  const scrubber = new SecretScrubber([
    'upstream-key-123456',
    'aws/secret+KEY=value',
    'p@ss"word\\x',
    'abc',
    'master-key-9999',
    'master-key-9999-longer',
  ]);

  it('replaces configured secrets inside longer strings, every occurrence', () => {
    expect(scrubber.scrub('call failed with key upstream-key-123456 (retry upstream-key-123456)')).toBe(
      `call failed with key ${REDACTED} (retry ${REDACTED})`,
    );
    expect(scrubber.scrub('prefixupstream-key-123456suffix')).toBe(`prefix${REDACTED}suffix`);
  });

  it('scrubs a secret that contains another one whole', () => {
    expect(scrubber.scrub('k=master-key-9999-longer;')).toBe(`k=${REDACTED};`);
    expect(scrubber.scrub('k=master-key-9999;')).toBe(`k=${REDACTED};`);
  });

  it('handles regular-expression characters and the JSON-escaped and URL-encoded forms', () => {
    expect(scrubber.scrub('secret aws/secret+KEY=value!')).toBe(`secret ${REDACTED}!`);
    expect(scrubber.scrub(JSON.stringify({ m: 'pw p@ss"word\\x end' }))).toBe(`{"m":"pw ${REDACTED} end"}`);
    expect(scrubber.scrub(`?k=${encodeURIComponent('aws/secret+KEY=value')}`)).toBe(`?k=${REDACTED}`);
  });

  it('leaves values too short to be credentials alone', () => {
    expect(scrubber.scrub('abc def')).toBe('abc def');
    expect(scrubber.secretCount).toBe(5);
  });

  it('scrubs credential shapes nobody configured: virtual keys, bearer tokens, key= and api-key values', () => {
    const plain = new SecretScrubber([]);
    const virtualKey = 'sk-Qm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHg';
    expect(plain.scrub(`invalid key ${virtualKey}.`)).toBe(`invalid key sk-${REDACTED}.`);
    expect(plain.scrub('Authorization: Bearer abcdefghijklmnop')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(plain.scrub('GET /v1beta/models?key=AIzaSyD-secret&alt=sse')).toBe(
      `GET /v1beta/models?key=${REDACTED}&alt=sse`,
    );
    expect(plain.scrub(`{"x-api-key":"some-anthropic-key","api-key": "azure-key"}`)).toBe(
      `{"x-api-key":"${REDACTED}","api-key": "${REDACTED}"}`,
    );
    expect(plain.scrub('AIzaSyA1234567890abcdefghijklmnopqrstu')).toBe(`AIza${REDACTED}`);
    expect(
      plain.scrub(
        `{"req":{"headers":{"authorization":"Bearer short"}},"deep":{"x":{"password":"hunter22"}}}`,
      ),
    ).toBe(`{"req":{"headers":{"authorization":"${REDACTED}"}},"deep":{"x":{"password":"${REDACTED}"}}}`);
    expect(plain.scrub(`{ headers: { 'x-api-key': 'inspect-style', cookie: 'a=b' } }`)).toBe(
      `{ headers: { 'x-api-key': '${REDACTED}', cookie: '${REDACTED}' } }`,
    );
  });

  it('leaves prose about credential settings readable', () => {
    const plain = new SecretScrubber([]);
    const text =
      'general_settings.master_key: expected a string; authorization failed; redis_password: unset';
    expect(plain.scrub(text)).toBe(text);
  });

  it('scrubs secrets added later, such as credentials of stored deployments', () => {
    const later = new SecretScrubber(['configured-at-start']);
    expect(later.scrub('stored-model-key-42')).toBe('stored-model-key-42');
    later.add(['stored-model-key-42', 'tiny']);
    expect(later.scrub('a stored-model-key-42 b configured-at-start tiny')).toBe(
      `a ${REDACTED} b ${REDACTED} tiny`,
    );
    expect(later.secretCount).toBe(2);
  });

  it('keeps ordinary text and already-masked keys as they are', () => {
    const plain = new SecretScrubber([]);
    const text = 'chat gpt-4o 200 12.3ms deployment=abc sk-abc***wxyz model_group=gpt-4o';
    expect(plain.scrub(text)).toBe(text);
  });
});

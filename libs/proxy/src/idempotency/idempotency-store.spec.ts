import { describe, expect, it } from 'vitest';

import { recordId, requestFingerprint } from './idempotency-store';

describe('requestFingerprint', () => {
  it('ignores key order, at every depth', () => {
    const a = {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      extra: { x: 1, y: [2, { b: 1, a: 2 }] },
    };
    const b = {
      extra: { y: [2, { a: 2, b: 1 }], x: 1 },
      messages: [{ content: 'hi', role: 'user' }],
      model: 'gpt-4o',
    };
    expect(requestFingerprint(a, '/v1/chat/completions')).toBe(requestFingerprint(b, '/v1/chat/completions'));
  });

  it('tells apart another body, another array order or another path', () => {
    const base = requestFingerprint({ model: 'm', stop: ['a', 'b'] }, '/v1/chat/completions');
    expect(requestFingerprint({ model: 'n', stop: ['a', 'b'] }, '/v1/chat/completions')).not.toBe(base);
    expect(requestFingerprint({ model: 'm', stop: ['b', 'a'] }, '/v1/chat/completions')).not.toBe(base);
    expect(requestFingerprint({ model: 'm', stop: ['a', 'b'] }, '/v1/completions')).not.toBe(base);
  });
});

describe('recordId', () => {
  it('names a record without the scope or key in clear', () => {
    const id = recordId('sk-hash-123', 'retry-1');
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(recordId('sk-hash-12', '3retry-1')).not.toBe(id);
  });
});

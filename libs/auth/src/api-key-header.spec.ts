import { describe, expect, it } from 'vitest';

import { apiKeyFromHeaders } from './api-key-header';

describe('apiKeyFromHeaders', () => {
  it("follows LiteLLM's precedence", () => {
    expect(apiKeyFromHeaders({ 'x-litellm-api-key': 'sk-a', authorization: 'Bearer sk-b' })).toBe('sk-a');
    expect(apiKeyFromHeaders({ authorization: 'Bearer sk-b', 'api-key': 'sk-c' })).toBe('sk-b');
    expect(apiKeyFromHeaders({ 'api-key': 'sk-c', 'x-api-key': 'sk-d' })).toBe('sk-c');
    expect(apiKeyFromHeaders({ 'x-api-key': 'sk-d' })).toBe('sk-d');
  });

  it('reads lowercase bearer, a Bearer prefix on x-litellm-api-key and Basic credentials', () => {
    expect(apiKeyFromHeaders({ authorization: 'bearer sk-1' })).toBe('sk-1');
    expect(apiKeyFromHeaders({ 'x-litellm-api-key': 'Bearer sk-2' })).toBe('sk-2');
    const basic = Buffer.from('user:sk-3').toString('base64');
    expect(apiKeyFromHeaders({ authorization: `Basic ${basic}` })).toBe('sk-3');
  });

  it('returns undefined when no key is sent', () => {
    expect(apiKeyFromHeaders({})).toBeUndefined();
    expect(apiKeyFromHeaders({ authorization: 'Bearer ' })).toBeUndefined();
    expect(apiKeyFromHeaders({ authorization: 'Digest abc' })).toBeUndefined();
  });
});

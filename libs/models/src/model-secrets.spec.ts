import { describe, expect, it } from 'vitest';

import { isSecretParam, ModelSecrets, withoutSecrets } from './model-secrets';

describe('ModelSecrets', () => {
  it('encrypts credentials with AES-256-GCM and decrypts them with the same salt key only', () => {
    const secrets = new ModelSecrets('sk-salt');
    const sealed = secrets.seal({
      model: 'openai/gpt-4o',
      api_key: 'sk-provider-123',
      api_base: 'https://x',
    });
    expect(sealed.api_key).toMatch(/^enc:v1:/);
    expect(JSON.stringify(sealed)).not.toContain('sk-provider-123');
    expect(sealed.api_base).toBe('https://x');
    expect(secrets.open(sealed)).toEqual({
      model: 'openai/gpt-4o',
      api_key: 'sk-provider-123',
      api_base: 'https://x',
    });
    expect(() => new ModelSecrets('another').open(sealed)).toThrow();
  });

  it('keeps os.environ/ references as they are and knows which fields are credentials', () => {
    expect(new ModelSecrets('s').seal({ api_key: 'os.environ/KEY' })).toEqual({ api_key: 'os.environ/KEY' });
    expect(
      ['api_key', 'aws_secret_access_key', 'aws_session_token', 'client_secret'].every(isSecretParam),
    ).toBe(true);
    expect(['model', 'api_base', 'max_tokens', 'rpm'].some(isSecretParam)).toBe(false);
    expect(withoutSecrets({ model: 'm', api_key: 'k' })).toEqual({ model: 'm' });
  });
});

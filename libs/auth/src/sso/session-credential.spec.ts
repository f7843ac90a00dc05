import { describe, expect, it } from 'vitest';

import { sessionTokenFromHeaders } from './session-credential';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';

describe('sessionTokenFromHeaders', () => {
  it('takes a JWT sent as a bearer key', () => {
    expect(sessionTokenFromHeaders({ authorization: `Bearer ${JWT}` })).toBe(JWT);
  });

  it('takes the session cookie when no key is sent', () => {
    expect(sessionTokenFromHeaders({ cookie: `a=b; switchyard_session=${JWT}` })).toBe(JWT);
  });

  it('leaves virtual and master keys to the key check, even with a session cookie', () => {
    const cookie = `switchyard_session=${JWT}`;
    expect(sessionTokenFromHeaders({ authorization: 'Bearer sk-1234', cookie })).toBeUndefined();
    expect(sessionTokenFromHeaders({ 'x-litellm-api-key': 'sk-1234', cookie })).toBeUndefined();
    expect(sessionTokenFromHeaders({})).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';

import { errorOfAnswer, needsLogin } from './graphql-errors';

describe('GraphQL error mapping', () => {
  it("keeps the server's first message and code", () => {
    const error = errorOfAnswer(
      {
        data: null,
        errors: [{ message: 'You are not an admin of team-beta', extensions: { code: 'FORBIDDEN' } }],
      },
      200,
    );
    expect([error?.code, error?.message]).toEqual(['FORBIDDEN', 'You are not an admin of team-beta']);
    expect(needsLogin(error)).toBe(false);
  });

  it('sends UNAUTHENTICATED answers and HTTP 401 to the login page', () => {
    expect(
      needsLogin(
        errorOfAnswer({ errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }, 200),
      ),
    ).toBe(true);
    expect(needsLogin(errorOfAnswer(null, 401))).toBe(true);
  });

  it('is no error when data came back, and an HTTP error when nothing did', () => {
    expect(errorOfAnswer({ data: { keys: [] } }, 200)).toBeNull();
    expect(errorOfAnswer(null, 502)?.message).toBe('The gateway answered HTTP 502 without data.');
  });
});

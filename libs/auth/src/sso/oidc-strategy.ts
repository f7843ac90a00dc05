import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions } from 'openid-client/passport';

import type { StrategySession } from './login-transaction';

/** The request shape the strategy reads: no Express, no session middleware. */
export interface StrategyRequest {
  readonly method: 'GET';
  readonly url: string;
  readonly originalUrl: string;
  readonly protocol: string;
  readonly host: string;
  readonly session: StrategySession;
}

export type StrategyOutcome =
  | { readonly kind: 'redirect'; readonly url: string }
  | { readonly kind: 'success'; readonly claims: Record<string, unknown> }
  | { readonly kind: 'fail'; readonly message: string }
  | { readonly kind: 'error'; readonly error: unknown };

/**
 * openid-client's passport strategy, also sending `state` and `nonce` in the code flow (the
 * stock v6 strategy relies on PKCE alone); it stores both with the PKCE verifier in the session.
 */
export class StatefulOidcStrategy extends Strategy {
  override authorizationRequestParams<TOptions extends AuthenticateOptions>(
    req: unknown,
    options: TOptions,
  ): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req as never, options));
    params.set('state', client.randomState());
    params.set('nonce', client.randomNonce());
    return params;
  }
}

interface PassportActions {
  redirect(url: string): void;
  success(user: unknown): void;
  fail(challenge?: unknown): void;
  error(error: unknown): void;
  pass(): void;
  authenticate(req: StrategyRequest, options: AuthenticateOptions): void;
}

function failureMessage(challenge: unknown): string {
  if (typeof challenge === 'string') return challenge;
  const message = (challenge as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : 'authentication failed';
}

/** Runs one passport `authenticate` of the strategy (passport's own per-request copy) to its outcome. */
export function runStrategy(
  strategy: StatefulOidcStrategy,
  req: StrategyRequest,
  options: AuthenticateOptions = {},
): Promise<StrategyOutcome> {
  return new Promise((resolve) => {
    const run = Object.create(strategy) as PassportActions;
    run.redirect = (url) => resolve({ kind: 'redirect', url });
    run.success = (claims) => resolve({ kind: 'success', claims: claims as Record<string, unknown> });
    run.fail = (challenge) => resolve({ kind: 'fail', message: failureMessage(challenge) });
    run.error = (error) => resolve({ kind: 'error', error });
    run.pass = () => resolve({ kind: 'fail', message: 'authentication was skipped' });
    run.authenticate(req, options);
  });
}

import { GatewayError } from '@switchyard/kernel';
import * as client from 'openid-client';

export const START_AGAIN = 'start again at /sso/key/generate';

// openid-client codes for a response that fails a check (state, nonce, aud, iss, signature, expiry).
const REFUSALS = new Set([
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_KEY_SELECTION_FAILED',
]);

export function loginRefused(reason: string): GatewayError {
  return GatewayError.badRequest(`SSO login refused: ${reason}; ${START_AGAIN}.`);
}

/** The provider could not be reached or answered something unusable: not the user's fault, not ours. */
export function providerFailure(what: string): GatewayError {
  return new GatewayError(`SSO login failed: ${what}.`, { status: 502, type: 'api_error' });
}

/**
 * The client-facing error for a failed callback. Messages come from openid-client's checks (which
 * name the failed claim, never its value) and the provider's OAuth error code; the response
 * bodies, tokens and client secret never reach them.
 */
export function loginError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) {
    return loginRefused(`the identity provider answered "${error.error}"`);
  }
  if (error instanceof client.ClientError && error.code !== undefined && REFUSALS.has(error.code)) {
    const detail = error.cause instanceof Error ? error.cause.message : error.message;
    return loginRefused(detail);
  }
  return providerFailure('the identity provider could not be reached or gave an unusable answer');
}

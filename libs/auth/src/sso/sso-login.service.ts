import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig, type SsoSettings } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';
import * as client from 'openid-client';

import { openLogin, sealLogin } from './login-transaction';
import { oidcConfiguration } from './oidc-configuration';
import { runStrategy, StatefulOidcStrategy, type StrategyRequest } from './oidc-strategy';
import { loginError, loginRefused, providerFailure } from './sso-errors';
import { deriveKey } from './signing-keys';

const SESSION_KEY = 'oidc';

const notConfigured = () =>
  GatewayError.notFound(
    'SSO is not configured: set GENERIC_CLIENT_ID, GENERIC_CLIENT_SECRET, PROXY_BASE_URL and GENERIC_ISSUER (or the GENERIC_*_ENDPOINT variables).',
  );

/** The OIDC authorization-code flow (PKCE, state, nonce) through openid-client's passport strategy. */
@Injectable()
export class SsoLogin implements OnApplicationBootstrap {
  private readonly logger = new Logger('Sso');
  private readonly sso: SsoSettings | undefined;
  private readonly loginKey: Uint8Array | undefined;
  private strategy: Promise<StatefulOidcStrategy> | undefined;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.sso = config.sso;
    this.loginKey =
      config.sso && config.masterKey ? deriveKey(config.masterKey, 'switchyard-sso-login') : undefined;
  }

  onApplicationBootstrap(): void {
    // Discovery starts now so a wrong issuer shows in the log at start-up, not at the first login.
    if (this.sso) this.load().catch(() => undefined);
  }

  get settings(): SsoSettings {
    if (!this.sso) throw notConfigured();
    return this.sso;
  }

  /** Where to send the browser, and the sealed pending login to keep in its cookie. */
  async begin(redirect: string): Promise<{ location: string; sealed: string }> {
    const request = this.request('/sso/key/generate', {});
    const outcome = await runStrategy(await this.load(), request);
    if (outcome.kind !== 'redirect') throw providerFailure('could not build the authorization request');
    const sealed = await sealLogin(this.key(), { session: request.session, redirect });
    return { location: outcome.url, sealed };
  }

  /** The ID token's claims (plus userinfo when the groups claim is absent) and the path to land on. */
  async complete(
    search: string,
    sealed: string | undefined,
  ): Promise<{ claims: Record<string, unknown>; redirect: string }> {
    const params = new URLSearchParams(search);
    if (!params.has('code') && !params.has('error')) {
      throw loginRefused('the callback carries no authorization code');
    }
    const login = await openLogin(this.key(), sealed);
    const request = this.request(`/sso/callback${search}`, login?.session ?? {});
    const outcome = await runStrategy(await this.load(), request);
    switch (outcome.kind) {
      case 'success':
        return { claims: outcome.claims, redirect: login?.redirect ?? '/' };
      case 'fail':
        throw loginRefused(
          outcome.message === 'Unable to verify authorization request state'
            ? 'no pending login matches this callback (its state was already used, has expired or belongs to another browser)'
            : outcome.message,
        );
      case 'error':
        this.logError(outcome.error);
        throw loginError(outcome.error);
      case 'redirect':
        throw loginRefused('unexpected callback');
    }
  }

  private request(path: string, session: Record<string, unknown>): StrategyRequest {
    const base = new URL(this.settings.proxyBaseUrl);
    return {
      method: 'GET',
      url: path,
      originalUrl: path,
      protocol: base.protocol.slice(0, -1),
      host: base.host,
      session: { ...(session[SESSION_KEY] ? { [SESSION_KEY]: session[SESSION_KEY] } : {}) },
    };
  }

  private key(): Uint8Array {
    if (!this.loginKey) throw notConfigured();
    return this.loginKey;
  }

  private load(): Promise<StatefulOidcStrategy> {
    this.strategy ??= this.createStrategy().catch((error: unknown) => {
      this.strategy = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        `could not load the OpenID provider's configuration from ${this.settings.issuer}: ${reason}`,
      );
      throw providerFailure(
        `the OpenID provider's configuration could not be loaded from ${this.settings.issuer}`,
      );
    });
    return this.strategy;
  }

  private async createStrategy(): Promise<StatefulOidcStrategy> {
    const settings = this.settings;
    const config = await oidcConfiguration(settings);
    const groupsRoot = settings.groupsClaim.split('.')[0] ?? settings.groupsClaim;
    const hasUserinfo = config.serverMetadata().userinfo_endpoint !== undefined;
    return new StatefulOidcStrategy(
      {
        config,
        scope: settings.scope,
        callbackURL: `${settings.proxyBaseUrl}/sso/callback`,
        sessionKey: SESSION_KEY,
        name: 'oidc',
      },
      (tokens, verified) => {
        const claims = tokens.claims();
        if (!claims) return verified(null, false, { message: 'the provider sent no ID token' });
        if (!hasUserinfo || claims[groupsRoot] !== undefined) return verified(null, { ...claims });
        // Some providers (Okta, Keycloak by default) put groups in userinfo only.
        client
          .fetchUserInfo(config, tokens.access_token, claims.sub)
          .then((info) => verified(null, { ...info, ...claims }))
          .catch((error: unknown) => verified(error));
      },
    );
  }

  private logError(error: unknown): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    this.logger.warn(`SSO callback refused: ${message}${cause}`);
  }
}

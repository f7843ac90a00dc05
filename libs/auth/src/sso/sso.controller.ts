import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { LOGIN_TTL_SECONDS } from './login-transaction';
import { safeRedirectPath } from './redirect-target';
import { sessionTokenFromHeaders } from './session-credential';
import { SessionPrincipals } from './session-principal.service';
import { SessionTokens } from './session-token';
import {
  clearedCookie,
  LOGIN_COOKIE,
  LOGIN_COOKIE_PATH,
  loginCookie,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
} from './sso-cookies';
import { SsoLogin } from './sso-login.service';
import { SsoProvisioning } from './sso-provisioning.service';

/**
 * LiteLLM's SSO routes. Public by design (no ApiKeyGuard): they are how a browser without a key
 * gets a session.
 */
@Controller('sso')
export class SsoController {
  /** Secure cookies behind HTTPS (PROXY_BASE_URL), never from a request header. */
  private readonly cookies: { readonly secure: boolean };

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly login: SsoLogin,
    private readonly provisioning: SsoProvisioning,
    private readonly sessions: SessionTokens,
    private readonly principals: SessionPrincipals,
  ) {
    this.cookies = { secure: config.sso?.proxyBaseUrl.startsWith('https:') ?? false };
  }

  /** Starts the login: to the provider, with the pending login in a cookie only /sso sees. */
  @Get('key/generate')
  async start(@Query('redirect') redirect: unknown, @Res() reply: FastifyReply): Promise<void> {
    const { location, sealed } = await this.login.begin(safeRedirectPath(redirect));
    await reply
      .header('cache-control', 'no-store')
      .header('set-cookie', loginCookie(sealed, LOGIN_TTL_SECONDS, this.cookies))
      .redirect(location, 302);
  }

  /** Finishes the login: checks the provider's answer, provisions the user, sets the session cookie. */
  @Get('callback')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const settings = this.login.settings;
    // A pending login is good for one callback, whatever its outcome (errors keep this header).
    reply
      .header('cache-control', 'no-store')
      .header('set-cookie', clearedCookie(LOGIN_COOKIE, LOGIN_COOKIE_PATH, this.cookies));
    const query = request.url.indexOf('?');
    const { claims, redirect } = await this.login.complete(
      query < 0 ? '' : request.url.slice(query),
      readCookie(request.headers, LOGIN_COOKIE),
    );
    const userId = await this.provisioning.provision(claims, settings);
    const token = await this.sessions.issue(userId);
    await reply
      .header('set-cookie', sessionCookie(token, this.sessions.ttlSeconds, this.cookies))
      .redirect(`${settings.proxyBaseUrl}${redirect}`, 302);
  }

  /**
   * Logs out: clears the cookie and revokes the user's sessions issued so far (cookie or bearer),
   * so a copied token stops working too.
   */
  @Post('logout')
  @HttpCode(200)
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ message: string }> {
    const token = sessionTokenFromHeaders(request.headers);
    if (token) await this.principals.logout(token);
    reply.header('set-cookie', clearedCookie(SESSION_COOKIE, '/', this.cookies));
    return { message: 'Logged out' };
  }
}

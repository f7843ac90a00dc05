import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
// @ts-expect-error -- oidc-provider ships no type declarations; the few calls used are typed below.
import OidcProvider from 'oidc-provider';

/** A user of the test IdP. */
export interface IdpAccount {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
  readonly groups: readonly string[];
}

/** Two team leads in different groups, a platform admin and a user whose groups map to nothing. */
export const ACCOUNTS = {
  alice: {
    sub: 'alice-sub',
    email: 'alice@example.com',
    name: 'Alice Alpha',
    groups: ['alpha-leads', 'staff'],
  },
  bob: { sub: 'bob-sub', email: 'bob@example.com', name: 'Bob Beta', groups: ['beta-leads', 'staff'] },
  carol: { sub: 'carol-sub', email: 'carol@example.com', name: 'Carol Admin', groups: ['platform-admins'] },
  dave: { sub: 'dave-sub', email: 'dave@example.com', name: 'Dave Unmapped', groups: ['marketing'] },
  erin: { sub: 'erin-sub', email: 'erin@example.com', name: 'Erin Staff', groups: ['staff'] },
} as const satisfies Record<string, IdpAccount>;
export type AccountName = keyof typeof ACCOUNTS;

/** How the IdP misbehaves in its next token responses: the ID token is rewritten before it leaves. */
export type IdpMisbehaviour = 'none' | 'wrong-audience' | 'wrong-nonce' | 'foreign-key';

export interface TestIdp {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The account the next login interaction signs in. */
  nextAccount: AccountName;
  misbehave: IdpMisbehaviour;
  close(): Promise<void>;
}

interface Interactions {
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ uid: string }>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: unknown,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}

interface GrantContext {
  oidc: {
    client: { clientId: string };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    provider: { Grant: GrantConstructor };
  };
}
interface GrantInstance {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface GrantConstructor {
  new (fields: { clientId: string; accountId: string }): GrantInstance;
  find(id: string): Promise<GrantInstance | undefined>;
}

const SCOPES = 'openid email profile groups';

/**
 * A real OpenID Provider (oidc-provider) on 127.0.0.1 over http, with one confidential client
 * allowed to redirect to `redirectUris`. Logins skip the login form and consent: the interaction
 * signs in `nextAccount`.
 */
export async function startTestIdp(redirectUris: readonly string[]): Promise<TestIdp> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-idp-key';
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };

  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state: TestIdp = {
    issuer,
    clientId: 'switchyard-e2e',
    clientSecret: 'idp-client-secret-9f8e7d6c5b4a3210',
    nextAccount: 'alice',
    misbehave: 'none',
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };

  const provider = new OidcProvider(issuer, {
    clients: [
      {
        client_id: state.clientId,
        client_secret: state.clientSecret,
        redirect_uris: [...redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    scopes: SCOPES.split(' '),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    // Groups and e-mail in the ID token itself, as most enterprise IdPs are configured.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    cookies: {
      keys: ['test-idp-cookie-key'],
      names: { session: 'idp_session', interaction: 'idp_interaction', resume: 'idp_resume' },
    },
    findAccount: (_ctx: unknown, id: string) => {
      const account = Object.values(ACCOUNTS).find((a) => a.sub === id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ ...account, groups: [...account.groups], email_verified: true }),
      };
    },
    loadExistingGrant: async (ctx: GrantContext) => {
      const { client, session, provider: issuing } = ctx.oidc;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return issuing.Grant.find(existing);
      const grant = new issuing.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  }) as Interactions;
  const handle = provider.callback();

  const rewrite = async (idToken: string): Promise<string> => {
    const payload: JWTPayload = decodeJwt(idToken);
    let key = privateKey;
    if (state.misbehave === 'wrong-audience') payload.aud = 'another-client';
    if (state.misbehave === 'wrong-nonce') payload.nonce = 'not-the-nonce-the-gateway-sent';
    if (state.misbehave === 'foreign-key') key = foreign.privateKey;
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        await provider.interactionDetails(req, res);
        const accountId = ACCOUNTS[state.nextAccount].sub;
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId } },
          { mergeWithLastSubmission: false },
        );
      })().catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    if (req.method === 'POST' && req.url === '/token' && state.misbehave !== 'none') {
      interceptBody(res, async (body) => {
        const json = JSON.parse(body) as { id_token?: string };
        if (json.id_token) json.id_token = await rewrite(json.id_token);
        return JSON.stringify(json);
      });
    }
    handle(req, res);
  });
  return state;
}

/** Lets `transform` rewrite a response body the provider writes, before any byte is sent. */
function interceptBody(res: ServerResponse, transform: (body: string) => Promise<string>): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: string | Buffer) => {
    chunks.push(Buffer.from(chunk));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: string | Buffer) => {
    if (chunk) chunks.push(Buffer.from(chunk));
    void transform(Buffer.concat(chunks).toString('utf8')).then((body) => {
      if (!res.headersSent) res.setHeader('content-length', Buffer.byteLength(body));
      res.write = write;
      end(body);
    });
    return res;
  }) as typeof res.end;
}

/** A browser's cookies, per origin (the IdP and the gateway share 127.0.0.1 on two ports). */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const cleared = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (cleared) jar.delete(name);
      else jar.set(name, value);
    }
  }

  header(url: string): string {
    const jar = this.byOrigin.get(new URL(url).origin);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    jar.set(name, value);
  }
}

/** One browser request: no automatic redirects, the jar's cookies sent and updated. */
export async function browse(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const cookie = jar.header(url);
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
  });
  jar.store(url, response);
  return response;
}

/** The login as far as the provider's redirect back to the gateway: its callback URL, not yet opened. */
export async function authorize(
  gatewayUrl: string,
  idp: TestIdp,
  account: AccountName,
  jar = new CookieJar(),
  startPath = '/sso/key/generate',
): Promise<{ callbackUrl: string; jar: CookieJar }> {
  idp.nextAccount = account;
  let url = `${gatewayUrl}${startPath}`;
  for (let hop = 0; hop < 10; hop++) {
    const response = await browse(jar, url);
    await response.arrayBuffer();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`login stopped at ${url} with ${response.status}`);
    }
    url = new URL(location, url).href;
    if (url.startsWith(`${gatewayUrl}/sso/callback`)) return { callbackUrl: url, jar };
  }
  throw new Error('too many redirects');
}

export interface LoginResult {
  readonly response: Response;
  /** The `switchyard_session` Set-Cookie header, when one was set. */
  readonly sessionSetCookie: string | undefined;
  readonly token: string | undefined;
  readonly jar: CookieJar;
  readonly callbackUrl: string;
}

/** Opens the callback in the browser that started the login. */
export async function finish(flow: { callbackUrl: string; jar: CookieJar }): Promise<LoginResult> {
  const response = await browse(flow.jar, flow.callbackUrl);
  const sessionSetCookie = response.headers.getSetCookie().find((c) => c.startsWith('switchyard_session='));
  const token = sessionSetCookie?.slice('switchyard_session='.length).split(';')[0] || undefined;
  return { response, sessionSetCookie, token, jar: flow.jar, callbackUrl: flow.callbackUrl };
}

/** The whole browser flow for `account`, in a fresh browser. */
export async function login(gatewayUrl: string, idp: TestIdp, account: AccountName, startPath?: string) {
  return finish(await authorize(gatewayUrl, idp, account, new CookieJar(), startPath));
}

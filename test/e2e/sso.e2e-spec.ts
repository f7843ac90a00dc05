import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database';
import { managementClient, type ManagementClient } from '../support/management-client';
import {
  authorize,
  browse,
  CookieJar,
  finish,
  login,
  startTestIdp,
  type LoginResult,
  type TestIdp,
} from '../support/oidc-provider';
import {
  freePort,
  runGateway,
  startGateway,
  writeConfig,
  type GatewayProcess,
} from '../support/start-gateway';

const MASTER = 'sk-sso-e2e-master-key-5c1a';
const MODELS = [{ model_name: 'm', litellm_params: { model: 'mock/m' } }];

/** alpha is named by its alias, beta by its id: both forms of `team` in a mapping. */
const SSO_SETTINGS = {
  groups_claim: 'groups',
  team_mappings: [
    { group: 'alpha-leads', team: 'Alpha Team', role: 'admin' },
    { group: 'beta-leads', team: 'team-beta', role: 'admin' },
    { group: 'staff', team: 'team-staff', role: 'user' },
    { group: 'ghosts', team: 'no-such-team', role: 'user' },
  ],
  admin_groups: ['platform-admins'],
};

async function createTeams(admin: ManagementClient): Promise<void> {
  for (const team of [
    { team_id: 'team-alpha', team_alias: 'Alpha Team' },
    { team_id: 'team-beta', team_alias: 'Beta Team' },
    { team_id: 'team-staff', team_alias: 'Staff' },
  ]) {
    expect((await admin.post('/team/new', team)).status).toBe(200);
  }
}

async function errorOf(response: Response): Promise<{ status: number; message: string; type: string }> {
  const body = (await response.json()) as { error: { message: string; type: string } };
  return { status: response.status, message: body.error.message, type: body.error.type };
}

function bearer(token: string | undefined): Record<string, string> {
  return { authorization: `Bearer ${token ?? ''}` };
}

async function getJson(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('SSO with discovery: the full redirect flow against a real OpenID Provider', () => {
  let idp: TestIdp;
  let db: FreshDatabase;
  let gateway: GatewayProcess;
  let admin: ManagementClient;
  let alice: LoginResult;
  let bob: LoginResult;

  beforeAll(async () => {
    const port = await freePort();
    idp = await startTestIdp([`http://127.0.0.1:${port}/sso/callback`]);
    db = await createFreshDatabase();
    gateway = await startGateway({
      port,
      config: { model_list: MODELS, general_settings: { master_key: MASTER, sso: SSO_SETTINGS } },
      env: {
        DATABASE_URL: db.url,
        GENERIC_CLIENT_ID: idp.clientId,
        GENERIC_CLIENT_SECRET: idp.clientSecret,
        GENERIC_ISSUER: idp.issuer,
        GENERIC_SCOPE: 'openid email profile groups',
        PROXY_BASE_URL: `http://127.0.0.1:${port}`,
      },
    });
    admin = managementClient(gateway.url, MASTER);
    await createTeams(admin);
    alice = await login(gateway.url, idp, 'alice');
    bob = await login(gateway.url, idp, 'bob');
  });

  afterAll(async () => {
    await gateway?.stop();
    await idp?.close();
    await db?.drop();
  });

  it('logs each lead in and lands on the UI with an HttpOnly, SameSite session cookie', () => {
    for (const lead of [alice, bob]) {
      expect(lead.response.status).toBe(302);
      expect(lead.response.headers.get('location')).toBe(`${gateway.url}/ui/`);
      expect(lead.sessionSetCookie).toMatch(/; HttpOnly/i);
      expect(lead.sessionSetCookie).toMatch(/; SameSite=Lax/i);
      expect(lead.sessionSetCookie).toMatch(/; Path=\//i);
      // PROXY_BASE_URL is http here: a Secure cookie would never come back.
      expect(lead.sessionSetCookie).not.toMatch(/; Secure/i);
      expect(lead.token?.split('.')).toHaveLength(3);
    }
    expect(alice.token).not.toBe(bob.token);
  });

  it('creates each user from the ID token claims, with the teams and roles its groups map to', async () => {
    const aliceInfo = await admin.get('/user/info', { user_id: 'alice-sub' });
    expect(aliceInfo.body.user_info).toMatchObject({
      user_id: 'alice-sub',
      user_email: 'alice@example.com',
      user_alias: 'Alice Alpha',
      user_role: 'internal_user',
    });
    expect([...(aliceInfo.body.teams as string[])].sort()).toEqual(['team-alpha', 'team-staff']);
    const alpha = await admin.get('/team/info', { team_id: 'team-alpha' });
    expect((alpha.body.team_info as { members_with_roles: unknown[] }).members_with_roles).toEqual([
      { user_id: 'alice-sub', user_email: 'alice@example.com', role: 'admin' },
    ]);
    const staff = await admin.get('/team/info', { team_id: 'team-staff' });
    const staffRoles = (
      staff.body.team_info as { members_with_roles: Array<{ user_id: string; role: string }> }
    ).members_with_roles;
    expect(staffRoles.map((m) => [m.user_id, m.role]).sort()).toEqual([
      ['alice-sub', 'user'],
      ['bob-sub', 'user'],
    ]);
    const bobInfo = await admin.get('/user/info', { user_id: 'bob-sub' });
    expect([...(bobInfo.body.teams as string[])].sort()).toEqual(['team-beta', 'team-staff']);
    const audit = await admin.get('/audit', { object_id: 'alice-sub' });
    expect(audit.body.audit_logs).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'created', table_name: 'user' })]),
    );
  });

  it('accepts the session token as a bearer token and as the cookie on management routes', async () => {
    const asBearer = await getJson(`${gateway.url}/user/info?user_id=alice-sub`, bearer(alice.token));
    expect(asBearer.status).toBe(200);
    expect((asBearer.body.user_info as { user_id: string }).user_id).toBe('alice-sub');
    const asCookie = await getJson(`${gateway.url}/key/list`, {
      cookie: `switchyard_session=${alice.token}`,
    });
    expect(asCookie.status).toBe(200);
    // A team admin generates a key for their own team with the session alone.
    const key = await fetch(`${gateway.url}/key/generate`, {
      method: 'POST',
      headers: { ...bearer(bob.token), 'content-type': 'application/json' },
      body: JSON.stringify({ team_id: 'team-beta', key_alias: 'bob-key' }),
    });
    expect(key.status).toBe(200);
  });

  it('keeps each lead to their own team and applies role changes made since login', async () => {
    const bobOnAlpha = await getJson(`${gateway.url}/team/info?team_id=team-alpha`, bearer(bob.token));
    expect(bobOnAlpha.status).toBe(403);
    expect((await getJson(`${gateway.url}/team/info?team_id=team-alpha`, bearer(alice.token))).status).toBe(
      200,
    );
    expect((await getJson(`${gateway.url}/user/list`, bearer(alice.token))).status).toBe(403);

    expect(
      (await admin.post('/team/member_delete', { team_id: 'team-alpha', user_id: 'alice-sub' })).status,
    ).toBe(200);
    expect((await getJson(`${gateway.url}/team/info?team_id=team-alpha`, bearer(alice.token))).status).toBe(
      403,
    );
    // The next login restores what the groups say.
    alice = await login(gateway.url, idp, 'alice');
    expect((await getJson(`${gateway.url}/team/info?team_id=team-alpha`, bearer(alice.token))).status).toBe(
      200,
    );
  });

  it('does not take a session token as a model-call credential', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...bearer(alice.token), 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(401);
  });

  it('makes a user of an admin group a proxy admin', async () => {
    const carol = await login(gateway.url, idp, 'carol');
    expect(carol.response.status).toBe(302);
    const info = await admin.get('/user/info', { user_id: 'carol-sub' });
    expect((info.body.user_info as { user_role: string }).user_role).toBe('proxy_admin');
    expect((await getJson(`${gateway.url}/user/list`, bearer(carol.token))).status).toBe(200);
  });

  it('lets an unmapped user in without teams when only_mapped_users is off', async () => {
    const dave = await login(gateway.url, idp, 'dave');
    expect(dave.response.status).toBe(302);
    const info = await admin.get('/user/info', { user_id: 'dave-sub' });
    expect(info.body.teams).toEqual([]);
  });

  it('lands on a requested gateway path, never on another origin', async () => {
    const kept = await login(gateway.url, idp, 'bob', '/sso/key/generate?redirect=%2Fui%2Fkeys%3Ftab%3D1');
    expect(kept.response.headers.get('location')).toBe(`${gateway.url}/ui/keys?tab=1`);
    const refused = await login(
      gateway.url,
      idp,
      'bob',
      '/sso/key/generate?redirect=https%3A%2F%2Fevil.example%2F',
    );
    expect(refused.response.headers.get('location')).toBe(`${gateway.url}/ui/`);
  });

  it('refuses a callback whose state was tampered with', async () => {
    const flow = await authorize(gateway.url, idp, 'alice');
    const url = new URL(flow.callbackUrl);
    url.searchParams.set('state', 'forged-state');
    const result = await finish({ ...flow, callbackUrl: url.href });
    expect(result.sessionSetCookie).toBeUndefined();
    const error = await errorOf(result.response);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/SSO login refused: .*state/);
  });

  it('refuses a replayed callback, with or without the original login cookie', async () => {
    const flow = await authorize(gateway.url, idp, 'alice');
    const stolenLoginCookie = flow.jar.get(gateway.url, 'switchyard_sso_login') ?? '';
    expect((await finish(flow)).response.status).toBe(302);

    const replay = await finish(flow);
    expect(replay.sessionSetCookie).toBeUndefined();
    const error = await errorOf(replay.response);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/no pending login matches this callback/);

    const jar = new CookieJar();
    jar.set(gateway.url, 'switchyard_sso_login', stolenLoginCookie);
    const withCookie = await errorOf(await browse(jar, flow.callbackUrl));
    expect(withCookie.status).toBe(400);
    expect(withCookie.message).toMatch(/invalid_grant/);
  });

  it.each([
    ['wrong-nonce', /nonce/],
    ['wrong-audience', /aud/],
    ['foreign-key', /signature/],
  ] as const)('refuses an ID token with a %s', async (misbehaviour, message) => {
    idp.misbehave = misbehaviour;
    try {
      const result = await login(gateway.url, idp, 'alice');
      expect(result.sessionSetCookie).toBeUndefined();
      const error = await errorOf(result.response);
      expect(error.status).toBe(400);
      expect(error.message).toMatch(/^SSO login refused: /);
      expect(error.message).toMatch(message);
    } finally {
      idp.misbehave = 'none';
    }
  });

  it('refuses a forged or altered session token with 401', async () => {
    const [header, payload] = (alice.token ?? '').split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    const response = await getJson(`${gateway.url}/key/list`, bearer(forged));
    expect(response.status).toBe(401);
    expect(JSON.stringify(response.body)).toMatch(/invalid SSO session token/);
  });

  it('creates one user when the same person logs in for the first time from several browsers at once', async () => {
    const logins = await Promise.all([1, 2, 3].map(() => login(gateway.url, idp, 'erin')));
    for (const result of logins) expect(result.response.status).toBe(302);
    const info = await admin.get('/user/info', { user_id: 'erin-sub' });
    expect(info.status).toBe(200);
    expect(info.body.teams).toEqual(['team-staff']);
  });

  it('logs out by clearing the session cookie and revoking the sessions issued so far', async () => {
    const copied = alice.token;
    expect((await getJson(`${gateway.url}/key/list`, bearer(copied))).status).toBe(200);
    const response = await browse(alice.jar, `${gateway.url}/sso/logout`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: 'Logged out' });
    const cleared = response.headers.getSetCookie().find((c) => c.startsWith('switchyard_session='));
    expect(cleared).toMatch(/^switchyard_session=;.*Max-Age=0/i);
    expect(alice.jar.get(gateway.url, 'switchyard_session')).toBeUndefined();
    const afterLogout = await browse(alice.jar, `${gateway.url}/key/list`);
    expect(afterLogout.status).toBe(401);
    // A copy of the token (say, kept by a script) is refused too.
    const replayed = await getJson(`${gateway.url}/key/list`, bearer(copied));
    expect(replayed.status).toBe(401);
    expect(JSON.stringify(replayed.body)).toContain('logged out');
    // Logging in again gives a working session at once.
    const again = await login(gateway.url, idp, 'alice');
    expect((await getJson(`${gateway.url}/key/list`, bearer(again.token))).status).toBe(200);
  });
});

describe('SSO with explicit GENERIC_* endpoints, only mapped users and a short session', () => {
  const SESSION_TTL_SECONDS = 2;
  let idp: TestIdp;
  let db: FreshDatabase;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    const port = await freePort();
    idp = await startTestIdp([`http://127.0.0.1:${port}/sso/callback`]);
    db = await createFreshDatabase();
    gateway = await startGateway({
      port,
      config: {
        model_list: MODELS,
        litellm_settings: { set_verbose: true },
        general_settings: {
          master_key: MASTER,
          sso: { ...SSO_SETTINGS, only_mapped_users: true, session_ttl_seconds: SESSION_TTL_SECONDS },
        },
      },
      env: {
        DATABASE_URL: db.url,
        GENERIC_CLIENT_ID: idp.clientId,
        GENERIC_CLIENT_SECRET: idp.clientSecret,
        GENERIC_ISSUER: idp.issuer,
        GENERIC_AUTHORIZATION_ENDPOINT: `${idp.issuer}/auth`,
        GENERIC_TOKEN_ENDPOINT: `${idp.issuer}/token`,
        GENERIC_USERINFO_ENDPOINT: `${idp.issuer}/me`,
        GENERIC_JWKS_URI: `${idp.issuer}/jwks`,
        GENERIC_SCOPE: 'openid email profile groups',
        PROXY_BASE_URL: `http://127.0.0.1:${port}/`,
      },
    });
    await createTeams(managementClient(gateway.url, MASTER));
  });

  afterAll(async () => {
    await gateway?.stop();
    await idp?.close();
    await db?.drop();
  });

  it('logs a lead in and refuses the session once it has expired', async () => {
    const alice = await login(gateway.url, idp, 'alice');
    expect(alice.response.status).toBe(302);
    expect(alice.sessionSetCookie).toMatch(new RegExp(`Max-Age=${SESSION_TTL_SECONDS}`));
    expect((await getJson(`${gateway.url}/team/info?team_id=team-alpha`, bearer(alice.token))).status).toBe(
      200,
    );

    await new Promise((r) => setTimeout(r, (SESSION_TTL_SECONDS + 1) * 1000));
    const expired = await getJson(`${gateway.url}/key/list`, bearer(alice.token));
    expect(expired.status).toBe(401);
    expect(JSON.stringify(expired.body)).toMatch(
      /SSO session expired, log in again via \/sso\/key\/generate/,
    );
  });

  it('refuses a user whose groups map to nothing, with 403, and creates no user', async () => {
    const dave = await login(gateway.url, idp, 'dave');
    const error = await errorOf(dave.response);
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/map to no team and only mapped users may log in/);
    const info = await managementClient(gateway.url, MASTER).get('/user/info', { user_id: 'dave-sub' });
    expect(info.status).toBe(404);
  });

  it('checks ID token signatures against GENERIC_JWKS_URI', async () => {
    idp.misbehave = 'foreign-key';
    try {
      const error = await errorOf((await login(gateway.url, idp, 'bob')).response);
      expect(error.status).toBe(400);
      expect(error.message).toMatch(/signature/);
    } finally {
      idp.misbehave = 'none';
    }
  });

  it('never logs the client secret or a session token, even at debug level', async () => {
    const bob = await login(gateway.url, idp, 'bob');
    expect(bob.token).toBeDefined();
    await getJson(`${gateway.url}/key/list`, bearer(bob.token));
    await getJson(`${gateway.url}/key/list`, { cookie: `switchyard_session=${bob.token}` });
    const output = gateway.output();
    // Real SSO log lines at debug level, refusals included, are what is checked.
    expect(output).toMatch(/DEBUG.*SSO login of user bob-sub/);
    expect(output).toMatch(/SSO callback refused/);
    expect(output.includes(idp.clientSecret)).toBe(false);
    expect(output.includes(bob.token ?? '')).toBe(false);
    expect(output.includes((bob.token ?? '').split('.')[2] ?? '')).toBe(false);
  });
});

describe('SSO start-up checks', () => {
  const SECRET = 'sso-startup-client-secret-77aa';

  it('fails naming GENERIC_ISSUER when explicit endpoints come without it', async () => {
    const { code, output } = await runGateway(['--config', writeConfig({ model_list: MODELS })], {
      LITELLM_MASTER_KEY: MASTER,
      GENERIC_CLIENT_ID: 'gw',
      GENERIC_CLIENT_SECRET: SECRET,
      GENERIC_AUTHORIZATION_ENDPOINT: 'https://idp.example/auth',
      GENERIC_TOKEN_ENDPOINT: 'https://idp.example/token',
      PROXY_BASE_URL: 'https://gateway.example',
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/env GENERIC_ISSUER: required for SSO/);
    expect(output.includes(SECRET)).toBe(false);
  });

  it('fails naming the master key and PROXY_BASE_URL when they are missing', async () => {
    const { code, output } = await runGateway(['--config', writeConfig({ model_list: MODELS })], {
      GENERIC_CLIENT_ID: 'gw',
      GENERIC_CLIENT_SECRET: SECRET,
      GENERIC_ISSUER: 'https://idp.example',
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/LITELLM_MASTER_KEY: SSO needs a master key/);
    expect(output).toMatch(/env PROXY_BASE_URL: required for SSO/);
    expect(output.includes(SECRET)).toBe(false);
  });
});

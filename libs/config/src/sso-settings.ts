import type { z } from 'zod';

import type { ssoSettingsSchema } from './config.schema';
import { readEnv } from './env-values';

export interface SsoTeamMapping {
  /** A value of the groups claim. */
  readonly group: string;
  /** A team_id, else a team_alias. */
  readonly team: string;
  readonly role: 'admin' | 'user';
}

/** OIDC endpoints given one by one (LiteLLM's GENERIC_*_ENDPOINT variables) instead of discovered. */
export interface SsoEndpoints {
  readonly authorization: string;
  readonly token: string;
  readonly userinfo: string | undefined;
  /** GENERIC_JWKS_URI: without it ID token signatures rest on TLS to the token endpoint alone. */
  readonly jwksUri: string | undefined;
}

/** OIDC single sign-on: LiteLLM's GENERIC_* variables plus `general_settings.sso`. */
export interface SsoSettings {
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  /** The `iss` of the ID tokens; also the discovery URL when `endpoints` is undefined. */
  readonly issuer: string;
  readonly endpoints: SsoEndpoints | undefined;
  readonly scope: string;
  /** PROXY_BASE_URL without a trailing slash; the callback is `<proxyBaseUrl>/sso/callback`. */
  readonly proxyBaseUrl: string;
  readonly groupsClaim: string;
  readonly teamMappings: readonly SsoTeamMapping[];
  readonly adminGroups: readonly string[];
  readonly adminEmails: readonly string[];
  /** Refuse users whose groups map to no team (admins from the lists are always let in). */
  readonly onlyMappedUsers: boolean;
  readonly sessionTtlSeconds: number;
}

type SsoDocument = z.output<typeof ssoSettingsSchema>;

const DEFAULT_SCOPE = 'openid email profile';
const DEFAULT_GROUPS_CLAIM = 'groups';
const DEFAULT_SESSION_TTL_SECONDS = 3600;

export interface ResolvedSso {
  readonly value: SsoSettings | undefined;
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

function urlProblem(name: string, value: string): string | undefined {
  try {
    const { protocol } = new URL(value);
    if (protocol === 'http:' || protocol === 'https:') return undefined;
  } catch {
    // reported below
  }
  return `env ${name}: expected an http(s) URL, got ${JSON.stringify(value)}`;
}

/**
 * SSO is on when GENERIC_CLIENT_ID is set together with an issuer (GENERIC_ISSUER or
 * `general_settings.sso.issuer`) or explicit endpoints. Once on, every missing piece is a problem
 * naming its variable, so a half-configured SSO fails start-up instead of failing logins.
 */
export function resolveSsoSettings(
  document: SsoDocument | undefined,
  env: NodeJS.ProcessEnv,
  hasMasterKey: boolean,
): ResolvedSso {
  const clientId = readEnv(env, 'GENERIC_CLIENT_ID');
  const issuer = readEnv(env, 'GENERIC_ISSUER') ?? document?.issuer;
  const authorization = readEnv(env, 'GENERIC_AUTHORIZATION_ENDPOINT');
  const token = readEnv(env, 'GENERIC_TOKEN_ENDPOINT');
  const explicit = authorization !== undefined || token !== undefined;
  if (!issuer && !explicit) {
    const warnings = [];
    if (clientId)
      warnings.push(
        'SSO is off: GENERIC_CLIENT_ID is set but neither GENERIC_ISSUER (discovery) nor GENERIC_AUTHORIZATION_ENDPOINT/GENERIC_TOKEN_ENDPOINT is',
      );
    else if (document) warnings.push('SSO is off: general_settings.sso is set but GENERIC_CLIENT_ID is not');
    return { value: undefined, problems: [], warnings };
  }

  const problems: string[] = [];
  const warnings: string[] = [];
  const required = (name: string, value: string | undefined, why: string): string => {
    if (value === undefined) problems.push(`env ${name}: required for SSO ${why}`);
    else {
      const problem = urlProblem(name, value);
      if (problem) problems.push(problem);
    }
    return value ?? '';
  };
  if (!clientId) problems.push('env GENERIC_CLIENT_ID: required for SSO (an issuer or endpoints are set)');
  if (!hasMasterKey) {
    problems.push(
      'env LITELLM_MASTER_KEY: SSO needs a master key (or general_settings.master_key): session tokens are signed with a key derived from it',
    );
  }
  const proxyBaseUrl = required(
    'PROXY_BASE_URL',
    readEnv(env, 'PROXY_BASE_URL'),
    "(the gateway's public URL)",
  );
  let endpoints: SsoEndpoints | undefined;
  if (explicit) {
    const why = 'with GENERIC_AUTHORIZATION_ENDPOINT/GENERIC_TOKEN_ENDPOINT';
    required('GENERIC_ISSUER', issuer, `${why} (the "iss" of your provider's ID tokens)`);
    const userinfo = readEnv(env, 'GENERIC_USERINFO_ENDPOINT');
    const jwksUri = readEnv(env, 'GENERIC_JWKS_URI');
    for (const [name, value] of [
      ['GENERIC_USERINFO_ENDPOINT', userinfo],
      ['GENERIC_JWKS_URI', jwksUri],
    ] as const) {
      const problem = value === undefined ? undefined : urlProblem(name, value);
      if (problem) problems.push(problem);
    }
    endpoints = {
      authorization: required('GENERIC_AUTHORIZATION_ENDPOINT', authorization, why),
      token: required('GENERIC_TOKEN_ENDPOINT', token, why),
      userinfo,
      jwksUri,
    };
    if (!jwksUri) {
      warnings.push(
        'SSO: GENERIC_JWKS_URI is not set, so ID token signatures are not checked (the token endpoint is trusted over TLS); set it, or use discovery with GENERIC_ISSUER alone',
      );
    }
  } else {
    required('GENERIC_ISSUER', issuer, '(discovery)');
  }
  if (problems.length > 0) return { value: undefined, problems, warnings: [] };

  return {
    value: {
      clientId: clientId ?? '',
      clientSecret: readEnv(env, 'GENERIC_CLIENT_SECRET'),
      issuer: issuer ?? '',
      endpoints,
      scope: readEnv(env, 'GENERIC_SCOPE') ?? DEFAULT_SCOPE,
      proxyBaseUrl: proxyBaseUrl.replace(/\/+$/, ''),
      groupsClaim: document?.groups_claim ?? DEFAULT_GROUPS_CLAIM,
      teamMappings: (document?.team_mappings ?? []).map((m) => ({
        group: m.group,
        team: m.team,
        role: m.role ?? 'user',
      })),
      adminGroups: document?.admin_groups ?? [],
      adminEmails: (document?.admin_emails ?? []).map((email) => email.toLowerCase()),
      onlyMappedUsers: document?.only_mapped_users ?? false,
      sessionTtlSeconds: document?.session_ttl_seconds ?? DEFAULT_SESSION_TTL_SECONDS,
    },
    problems: [],
    warnings,
  };
}

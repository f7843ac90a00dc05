import { afterAll, describe, expect, it } from 'vitest';

import { loadYaml, loadYamlError, problemLines, removeTempConfigs } from './testing/temp-config';

afterAll(removeTempConfigs);

const MASTER = 'general_settings:\n  master_key: sk-master\n';
const DISCOVERY = {
  GENERIC_CLIENT_ID: 'gateway',
  GENERIC_CLIENT_SECRET: 'client-secret-value',
  GENERIC_ISSUER: 'https://idp.example',
  PROXY_BASE_URL: 'https://gateway.example/',
};

describe('SSO settings', () => {
  it('is off without GENERIC_CLIENT_ID, and off with a warning when it comes alone', () => {
    expect(loadYaml(MASTER, {}).config.sso).toBeUndefined();
    const { config, warnings } = loadYaml(MASTER, { GENERIC_CLIENT_ID: 'gateway' });
    expect(config.sso).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/SSO is off: GENERIC_CLIENT_ID is set but neither GENERIC_ISSUER/);
  });

  it('reads discovery settings with their defaults', () => {
    const { config } = loadYaml(MASTER, DISCOVERY);
    expect(config.sso).toEqual({
      clientId: 'gateway',
      clientSecret: 'client-secret-value',
      issuer: 'https://idp.example',
      endpoints: undefined,
      scope: 'openid email profile',
      proxyBaseUrl: 'https://gateway.example',
      groupsClaim: 'groups',
      teamMappings: [],
      adminGroups: [],
      adminEmails: [],
      onlyMappedUsers: false,
      sessionTtlSeconds: 3600,
    });
    expect(config.unimplementedSettings).toEqual([]);
  });

  it('reads general_settings.sso mappings', () => {
    const yaml = `${MASTER}  sso:
    groups_claim: roles
    team_mappings:
      - {group: eng, team: engineering, role: admin}
      - {group: all, team: everyone}
    admin_groups: [ops]
    admin_emails: [Boss@Example.com]
    only_mapped_users: "yes"
    session_ttl_seconds: "600"
`;
    expect(loadYaml(yaml, DISCOVERY).config.sso).toMatchObject({
      groupsClaim: 'roles',
      teamMappings: [
        { group: 'eng', team: 'engineering', role: 'admin' },
        { group: 'all', team: 'everyone', role: 'user' },
      ],
      adminGroups: ['ops'],
      adminEmails: ['boss@example.com'],
      onlyMappedUsers: true,
      sessionTtlSeconds: 600,
    });
  });

  it('names each missing variable of explicit endpoints, and the master key', () => {
    const error = loadYamlError('model_list: []\n', {
      GENERIC_CLIENT_ID: 'gateway',
      GENERIC_AUTHORIZATION_ENDPOINT: 'https://idp.example/auth',
    });
    const lines = problemLines(error).join('\n');
    expect(lines).toMatch(/env LITELLM_MASTER_KEY: SSO needs a master key/);
    expect(lines).toMatch(/env PROXY_BASE_URL: required for SSO/);
    expect(lines).toMatch(/env GENERIC_ISSUER: required for SSO with GENERIC_AUTHORIZATION_ENDPOINT/);
    expect(lines).toMatch(/env GENERIC_TOKEN_ENDPOINT: required for SSO/);
  });

  it('refuses mistyped mapping settings with the path', () => {
    const error = loadYamlError(
      `${MASTER}  sso:\n    team_mappings: [{group: eng, team: x, role: owner}]\n    groupz: x\n`,
      DISCOVERY,
    );
    const lines = problemLines(error).join('\n');
    expect(lines).toMatch(/general_settings\.sso\.team_mappings\[0\]\.role: expected one of admin, user/);
    expect(lines).toMatch(/general_settings\.sso.*groupz/);
  });

  it('warns that ID token signatures are unchecked without GENERIC_JWKS_URI', () => {
    const { config, warnings } = loadYaml(MASTER, {
      GENERIC_CLIENT_ID: 'gateway',
      GENERIC_ISSUER: 'https://idp.example',
      GENERIC_AUTHORIZATION_ENDPOINT: 'https://idp.example/auth',
      GENERIC_TOKEN_ENDPOINT: 'https://idp.example/token',
      PROXY_BASE_URL: 'https://gateway.example',
    });
    expect(config.sso?.endpoints).toEqual({
      authorization: 'https://idp.example/auth',
      token: 'https://idp.example/token',
      userinfo: undefined,
      jwksUri: undefined,
    });
    expect(warnings.join('\n')).toMatch(/GENERIC_JWKS_URI is not set/);
  });
});

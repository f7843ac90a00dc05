import type { SsoSettings } from '@switchyard/config';
import { describe, expect, it } from 'vitest';

import { decideAccess, loginClaimsOf } from './login-claims';

const settings = {
  groupsClaim: 'groups',
  teamMappings: [
    { group: 'eng', team: 'engineering', role: 'user' },
    { group: 'eng-leads', team: 'engineering', role: 'admin' },
    { group: 'sales', team: 'sales-team', role: 'user' },
  ],
  adminGroups: ['platform'],
  adminEmails: ['boss@example.com'],
} as unknown as SsoSettings;

describe('loginClaimsOf', () => {
  it('reads sub, a lower-cased e-mail, the name and a list, single or nested groups claim', () => {
    expect(
      loginClaimsOf({ sub: 'u1', email: 'A@Example.com', name: 'Ann', groups: ['g'] }, 'groups'),
    ).toEqual({
      sub: 'u1',
      email: 'a@example.com',
      emailVerified: true,
      name: 'Ann',
      groups: ['g'],
    });
    expect(loginClaimsOf({ sub: 'u1', groups: 'g' }, 'groups').groups).toEqual(['g']);
    expect(loginClaimsOf({ sub: 'u1', realm_access: { roles: ['r'] } }, 'realm_access.roles').groups).toEqual(
      ['r'],
    );
  });

  it('refuses claims without a subject', () => {
    expect(() => loginClaimsOf({ email: 'a@b.c' }, 'groups')).toThrow(/"sub"/);
  });
});

describe('decideAccess', () => {
  const decide = (claims: Record<string, unknown>) => decideAccess(loginClaimsOf(claims, 'groups'), settings);

  it('maps groups to teams, the admin role winning within one team', () => {
    const decision = decide({ sub: 'u', groups: ['eng', 'eng-leads', 'sales'] });
    expect([...decision.teams]).toEqual([
      ['engineering', 'admin'],
      ['sales-team', 'user'],
    ]);
    expect(decision).toMatchObject({ admin: false, mapped: true });
  });

  it('makes proxy admins from admin groups and verified admin e-mails only', () => {
    expect(decide({ sub: 'u', groups: ['platform'] })).toMatchObject({ admin: true, mapped: true });
    expect(decide({ sub: 'u', email: 'Boss@example.com' }).admin).toBe(true);
    expect(decide({ sub: 'u', email: 'boss@example.com', email_verified: false }).admin).toBe(false);
  });

  it('leaves a user whose groups name nothing unmapped', () => {
    expect(decide({ sub: 'u', groups: ['other'] })).toMatchObject({ admin: false, mapped: false });
  });
});

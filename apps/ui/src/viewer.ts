import { gql } from './graphql';
import { GraphqlError } from './graphql-errors';
import { readKey } from './session';

export type UserRole = 'PROXY_ADMIN' | 'PROXY_ADMIN_VIEWER' | 'INTERNAL_USER' | 'INTERNAL_USER_VIEWER';

/** Who is logged in, and what the server lets them do (the server still decides every call). */
export interface Viewer {
  readonly id: string;
  readonly email: string | null;
  readonly role: UserRole;
  /** Teams where the viewer is a team admin (lead). */
  readonly leadOf: readonly string[];
  /** The master key has no user row: `user` answers NOT_FOUND for it. */
  readonly isMasterKey: boolean;
}

interface MeAnswer {
  user: {
    id: string;
    email: string | null;
    role: UserRole;
    memberships: { role: 'ADMIN' | 'USER'; teamId: string }[];
  };
}

const ME = '{ user { id email role memberships { role teamId } } }';

export async function loadViewer(): Promise<Viewer> {
  try {
    const { user } = await gql<MeAnswer>(ME);
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      leadOf: user.memberships.filter((m) => m.role === 'ADMIN').map((m) => m.teamId),
      isMasterKey: false,
    };
  } catch (error) {
    // The master key authenticates but is no user: the API has no "who am I" for it.
    if (error instanceof GraphqlError && error.code === 'NOT_FOUND' && readKey()) {
      return { id: 'master key', email: null, role: 'PROXY_ADMIN', leadOf: [], isMasterKey: true };
    }
    throw error;
  }
}

export const isAdmin = (viewer: Viewer): boolean => viewer.role === 'PROXY_ADMIN';
export const isReadOnly = (viewer: Viewer): boolean => viewer.role.endsWith('_VIEWER');
export const seesEverything = (viewer: Viewer): boolean => viewer.role.startsWith('PROXY_ADMIN');
export const canManageKeys = (viewer: Viewer): boolean => !isReadOnly(viewer);
export const canManageTeam = (viewer: Viewer, teamId: string): boolean =>
  isAdmin(viewer) || viewer.leadOf.includes(teamId);

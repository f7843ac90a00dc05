import { gql } from './graphql';

export type UserRole = 'PROXY_ADMIN' | 'PROXY_ADMIN_VIEWER' | 'INTERNAL_USER' | 'INTERNAL_USER_VIEWER';

/** Who is logged in, and what the server lets them do (the server still decides every call). */
export interface Viewer {
  readonly id: string;
  readonly email: string | null;
  readonly role: UserRole;
  /** Teams where the viewer is a team admin (lead). */
  readonly leadOf: readonly string[];
  /** The master key, which has no user row. */
  readonly isMasterKey: boolean;
}

interface ViewerAnswer {
  viewer: { userId: string; role: UserRole; isMaster: boolean; adminOfTeams: string[] };
  user: { email: string | null } | null;
}

// `user` (the caller's own row) is absent for the master key, which is no user: asked separately.
const VIEWER = '{ viewer { userId role isMaster adminOfTeams } }';
const EMAIL = '{ user { email } }';

export async function loadViewer(): Promise<Viewer> {
  const { viewer } = await gql<Pick<ViewerAnswer, 'viewer'>>(VIEWER);
  const email = viewer.isMaster
    ? null
    : await gql<Pick<ViewerAnswer, 'user'>>(EMAIL).then(
        (answer) => answer.user?.email ?? null,
        () => null,
      );
  return {
    id: viewer.isMaster ? 'master key' : viewer.userId,
    email,
    role: viewer.role,
    leadOf: viewer.adminOfTeams,
    isMasterKey: viewer.isMaster,
  };
}

export const isAdmin = (viewer: Viewer): boolean => viewer.role === 'PROXY_ADMIN';
export const isReadOnly = (viewer: Viewer): boolean => viewer.role.endsWith('_VIEWER');
export const seesEverything = (viewer: Viewer): boolean => viewer.role.startsWith('PROXY_ADMIN');
export const canManageKeys = (viewer: Viewer): boolean => !isReadOnly(viewer);
export const canManageTeam = (viewer: Viewer, teamId: string): boolean =>
  isAdmin(viewer) || viewer.leadOf.includes(teamId);

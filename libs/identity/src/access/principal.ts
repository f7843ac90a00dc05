import type { UserRole } from '../roles';

/** Who calls a management route, resolved from the master key or a virtual key. */
export interface Principal {
  readonly userId: string;
  readonly role: UserRole;
  readonly isMaster: boolean;
  /** Teams where the caller is a team admin. */
  readonly adminOfTeams: ReadonlySet<string>;
  /** Teams the caller belongs to, in any role. */
  readonly memberOfTeams: ReadonlySet<string>;
}

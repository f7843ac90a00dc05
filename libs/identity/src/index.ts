export { IdentityModule } from './identity.module';
/** Who may do what on the management API. */
export { AccessPolicy } from './access/access-policy';
export type { Principal } from './access/principal';
export { AuditRepository } from './audit/audit.repository';
export type { AuditEvent, AuditFilter } from './audit/audit.repository';
export { IdentityTransaction } from './identity-transaction';
export { generateKey, hashKey, maskKey } from './keys/key-format';
/** Virtual keys: generate, update, delete, regenerate, block. */
export { KeyService } from './keys/key.service';
export type { KeyFields, KeyRef, VirtualKey } from './keys/key.types';
export { OrganizationService } from './organizations/organization.service';
export type { OrganizationFields, OrganizationRecord } from './organizations/organization.service';
export { PROXY_ADMIN_ID, TEAM_ROLES, USER_ROLES } from './roles';
export type { TeamRole, UserRole } from './roles';
/** The hot path's in-process identity cache, invalidated across replicas. */
export { IdentityCache } from './runtime/identity-cache';
export { IdentityEvents } from './runtime/identity-events';
export type { IdentityEvent } from './runtime/identity-events';
export type { EntityLimits, KeyIdentity } from './runtime/key-identity';
export { TeamService } from './teams/team.service';
export type { MemberRef, TeamFields, TeamRecord } from './teams/team.types';
export { UserService } from './users/user.service';
export type { UserFields, UserRecord } from './users/user.types';
export { parseDuration } from './duration';
export { budgetResetAt } from './budget-reset-at';
export type { Page, PageRequest, SortDirection } from './paging';
export { KeyRepository } from './keys/key.repository';
export type { KeyFilter, KeySort } from './keys/key.repository';
export { TeamRepository } from './teams/team.repository';
export type { TeamFilter, TeamSort } from './teams/team.repository';
export { UserRepository } from './users/user.repository';
export type { UserFilter, UserSort } from './users/user.repository';

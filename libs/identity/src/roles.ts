/** LiteLLM's proxy-wide roles (`user_role`). */
export const USER_ROLES = [
  'proxy_admin',
  'proxy_admin_viewer',
  'internal_user',
  'internal_user_viewer',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles inside one team. */
export const TEAM_ROLES = ['admin', 'user'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** LiteLLM's user id for the master key. */
export const PROXY_ADMIN_ID = 'default_user_id';

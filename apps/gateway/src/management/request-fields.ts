import { parseDuration, TEAM_ROLES, USER_ROLES } from '@switchyard/identity';
import { z } from 'zod';

/** Field schemas shared by the management requests, in LiteLLM's names. */
export const budget = z.number().nonnegative('must be >= 0').nullable();
export const limit = z.number().int('must be an integer').nonnegative('must be >= 0').nullable();
export const duration = z
  .string()
  .refine(
    (value) => parseDuration(value) !== undefined,
    'must be a duration such as 30s, 10m, 1h, 30d, 2w or 1mo',
  )
  .nullable();
export const models = z.array(z.string().min(1));
export const metadata = z.record(z.string(), z.unknown());
export const userRole = z.enum(USER_ROLES);
export const teamRole = z.enum(TEAM_ROLES);
export const id = z.string().min(1).max(200);

export const member = z
  .object({
    user_id: id.optional(),
    user_email: z.string().email().optional(),
    role: teamRole.default('user'),
  })
  .refine(
    (m) => m.user_id !== undefined || m.user_email !== undefined,
    'a member needs user_id or user_email',
  );

export const page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  size: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Drops keys whose value is undefined, so an absent field leaves the stored value alone. */
export function defined<T extends object>(fields: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

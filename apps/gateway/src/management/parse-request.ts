import { GatewayError } from '@switchyard/kernel';
import { type z } from 'zod';

/** Validates a management request body or query; the first problem becomes a 400 naming its field. */
export function parseRequest<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.map(String).join('.') : 'body';
  throw GatewayError.badRequest(`Invalid value for '${field}': ${issue?.message ?? 'invalid'}`, field);
}

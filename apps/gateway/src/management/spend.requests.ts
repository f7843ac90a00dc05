import { z } from 'zod';

/** A day (2026-11-25) or a moment (2026-11-25T10:00:00Z) of the spend routes' date filters. */
export const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date such as 2026-11-25')
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value))
  .refine((value) => !Number.isNaN(value.getTime()), 'must be a valid date');

/** The last millisecond of a day given as an end date, so the day itself is included. */
export const endOfDay = (value: Date) => new Date(value.getTime() + 86_399_999);

/** `GET /spend/logs` query parameters. */
export const logsQuery = z.object({
  api_key: z.string().min(1).optional(),
  user_id: z.string().min(1).optional(),
  request_id: z.string().min(1).optional(),
  start_date: date.optional(),
  end_date: date.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

/** An end date: a day includes that whole day, a moment is taken as it is. */
const endDate = z.string().transform((value, ctx) => {
  const parsed = date.safeParse(value);
  if (parsed.success) return value.length === 10 ? endOfDay(parsed.data) : parsed.data;
  ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]?.message ?? 'must be a valid date' });
  return z.NEVER;
});

/** A `from`/`to` pair of the admin API. */
export const dateRange = z
  .object({ from: date.optional(), to: endDate.optional() })
  .refine(({ from, to }) => !from || !to || from <= to, { message: 'must not be before from', path: ['to'] });

import { Prisma } from '@switchyard/db';

import type { SpendLogEntry, SpendLogQuery } from './spend-log-entry';
import type { SpendScope } from './spend-scope';

/** The dimensions a spend summary groups each day by. */
export type SummaryDimension = 'key' | 'user' | 'team' | 'model' | 'tag';

export interface SpendSummaryRow {
  /** The UTC day, YYYY-MM-DD. */
  readonly day: string;
  /** The key id, user id, team id, model group or tag; null for requests without one (e.g. the master key). */
  readonly groupId: string | null;
  /** The key or team alias where there is one, else the id. */
  readonly groupName: string | null;
  readonly spend: number;
  readonly requests: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

interface Dimension {
  readonly id: Prisma.Sql;
  readonly name: Prisma.Sql;
  readonly join: Prisma.Sql;
}

/** Fixed SQL per dimension: no caller input ever reaches these fragments. */
const DIMENSIONS: Record<SummaryDimension, Dimension> = {
  key: {
    id: Prisma.sql`k.key_id`,
    name: Prisma.sql`max(coalesce(k.key_alias, s.key_alias))`,
    join: Prisma.sql`LEFT JOIN keys k ON k.token = s.api_key`,
  },
  user: { id: Prisma.sql`s."user"`, name: Prisma.sql`s."user"`, join: Prisma.empty },
  team: {
    id: Prisma.sql`s.team_id`,
    name: Prisma.sql`max(coalesce(t.team_alias, s.team_id))`,
    join: Prisma.sql`LEFT JOIN teams t ON t.team_id = s.team_id`,
  },
  model: {
    id: Prisma.sql`coalesce(s.model_group, s.model)`,
    name: Prisma.sql`coalesce(s.model_group, s.model)`,
    join: Prisma.empty,
  },
  tag: {
    id: Prisma.sql`tag.value`,
    name: Prisma.sql`tag.value`,
    join: Prisma.sql`CROSS JOIN LATERAL unnest(s.request_tags) AS tag(value)`,
  },
};

/** The ledger stores UTC wall-clock times in `timestamp` columns (see SpendIngestService). */
export function utc(date: Date): Prisma.Sql {
  return Prisma.sql`${date.toISOString()}::timestamp`;
}

/** The WHERE conditions of a spend-log query and scope, over `spend_logs s`, as SQL with parameters. */
export function spendLogConditions(
  scope: SpendScope,
  query: SpendLogQuery,
  keyHash?: string | null,
): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (!scope.all) {
    conditions.push(
      scope.teamIds.length > 0
        ? Prisma.sql`(s."user" = ${scope.userId} OR s.team_id IN (${Prisma.join(scope.teamIds)}))`
        : Prisma.sql`s."user" = ${scope.userId}`,
    );
  }
  if (query.start) conditions.push(Prisma.sql`s."startTime" >= ${utc(query.start)}`);
  if (query.end) conditions.push(Prisma.sql`s."startTime" <= ${utc(query.end)}`);
  if (query.teamId) conditions.push(Prisma.sql`s.team_id = ${query.teamId}`);
  if (query.userId) conditions.push(Prisma.sql`s."user" = ${query.userId}`);
  if (query.model) conditions.push(Prisma.sql`(s.model = ${query.model} OR s.model_group = ${query.model})`);
  if (query.status) conditions.push(Prisma.sql`s.status = ${query.status}`);
  // A key id that matches no key matches no request.
  if (keyHash !== undefined) conditions.push(Prisma.sql`s.api_key = ${keyHash ?? ''}`);
  return conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

/** What summaries add up per group. */
const TOTALS = Prisma.sql`coalesce(sum(s.spend), 0)::float8 AS spend,
  count(*)::int AS requests,
  coalesce(sum(s.prompt_tokens), 0)::float8 AS prompt_tokens,
  coalesce(sum(s.completion_tokens), 0)::float8 AS completion_tokens`;

/** Per day only: every request in one group. */
const ALL: Dimension = { id: Prisma.sql`NULL::text`, name: Prisma.sql`NULL::text`, join: Prisma.empty };

/** One query: spend, requests and tokens per UTC day × dimension value (per day alone without one). */
export function spendSummarySql(dimension: SummaryDimension | undefined, where: Prisma.Sql): Prisma.Sql {
  const d = dimension ? DIMENSIONS[dimension] : ALL;
  return Prisma.sql`
    SELECT to_char(s."startTime", 'YYYY-MM-DD') AS day,
           ${d.id} AS group_id,
           ${d.name} AS group_name,
           ${TOTALS}
    FROM spend_logs s ${d.join}
    WHERE ${where}
    GROUP BY 1, 2
    ORDER BY 1, 2 NULLS LAST`;
}

/** One query: the `limit` dimension values that spent most over the whole range, most first. */
export function spendTotalsSql(dimension: SummaryDimension, where: Prisma.Sql, limit: number): Prisma.Sql {
  const d = DIMENSIONS[dimension];
  return Prisma.sql`
    SELECT NULL::text AS day,
           ${d.id} AS group_id,
           ${d.name} AS group_name,
           ${TOTALS}
    FROM spend_logs s ${d.join}
    WHERE ${where}
    GROUP BY 2
    ORDER BY 4 DESC, 2 NULLS LAST
    LIMIT ${limit}`;
}

/** The columns a spend-log page reads: the key by id (joined), never the stored key hash. */
export const SPEND_LOG_COLUMNS = Prisma.sql`
  s.request_id, s.call_type, k.key_id, s.key_alias, s."user", s.team_id, s.organization_id, s.end_user,
  s.model, s.model_group, s.model_id, s.custom_llm_provider, s.prompt_tokens, s.completion_tokens,
  s.cached_tokens, s.total_tokens, s.spend, s.cache_hit, s.status, s.request_tags, s."startTime", s."endTime"`;

export interface SpendLogRow {
  request_id: string;
  call_type: string;
  key_id: string | null;
  key_alias: string | null;
  user: string | null;
  team_id: string | null;
  organization_id: string | null;
  end_user: string | null;
  model: string;
  model_group: string | null;
  model_id: string | null;
  custom_llm_provider: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  total_tokens: number;
  spend: number;
  cache_hit: boolean;
  status: string;
  request_tags: string[];
  startTime: Date;
  endTime: Date;
}

export function spendLogEntryOf(row: SpendLogRow): SpendLogEntry {
  return {
    requestId: row.request_id,
    callType: row.call_type,
    keyId: row.key_id,
    keyAlias: row.key_alias,
    userId: row.user,
    teamId: row.team_id,
    organizationId: row.organization_id,
    endUser: row.end_user,
    model: row.model,
    modelGroup: row.model_group,
    deploymentId: row.model_id,
    provider: row.custom_llm_provider,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    cachedTokens: row.cached_tokens,
    totalTokens: row.total_tokens,
    spend: row.spend,
    cacheHit: row.cache_hit,
    status: row.status,
    tags: row.request_tags,
    startTime: row.startTime,
    endTime: row.endTime,
  };
}

export interface SpendSummarySqlRow {
  day: string;
  group_id: string | null;
  group_name: string | null;
  spend: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
}

export function spendSummaryRowOf(row: SpendSummarySqlRow): SpendSummaryRow {
  return {
    day: row.day,
    groupId: row.group_id,
    groupName: row.group_name,
    spend: row.spend,
    requests: row.requests,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
  };
}

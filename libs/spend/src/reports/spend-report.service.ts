import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@switchyard/db';
import type { Principal } from '@switchyard/identity';
import { checkPageSize, cursorDate, decodeCursor, encodeCursor } from '@switchyard/kernel';

import type { SpendLogPage, SpendLogPageRequest, SpendLogQuery } from './spend-log-entry';
import {
  SPEND_LOG_COLUMNS,
  spendLogConditions,
  spendLogEntryOf,
  spendSummaryRowOf,
  spendSummarySql,
  spendTotalsSql,
  utc,
  type SpendLogRow,
  type SpendSummaryRow,
  type SpendSummarySqlRow,
  type SummaryDimension,
} from './spend-log.sql';
import { spendScopeOf } from './spend-scope';

export interface SpendLogFilter {
  readonly apiKey?: string;
  readonly userId?: string;
  readonly requestId?: string;
  readonly start?: Date;
  readonly end?: Date;
}

export type ReportGroup = 'team' | 'customer' | 'api_key';

interface Entity {
  name: string;
  total_spend: number;
  metadata: Array<{ model: string; spend: number; total_tokens: number }>;
}

interface KeyReport {
  api_key: string;
  total_cost: number;
  total_input_tokens: number;
  total_output_tokens: number;
  model_details: Array<{
    model: string;
    total_cost: number;
    total_input_tokens: number;
    total_output_tokens: number;
  }>;
}

const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

function range<T extends string>(
  field: T,
  start?: Date,
  end?: Date,
): Partial<Record<T, { gte?: Date; lte?: Date }>> {
  if (!start && !end) return {};
  return { [field]: { ...(start ? { gte: start } : {}), ...(end ? { lte: end } : {}) } } as Partial<
    Record<T, { gte?: Date; lte?: Date }>
  >;
}

/** Reads of the ledger for `/spend/*` and `/global/spend/report`, in LiteLLM's shapes. */
@Injectable()
export class SpendReportService {
  constructor(private readonly prisma: PrismaService) {}

  async logs(filter: SpendLogFilter, limit: number) {
    const where: Prisma.SpendLogWhereInput = {
      ...(filter.apiKey ? { apiKey: filter.apiKey } : {}),
      ...(filter.userId ? { userId: filter.userId } : {}),
      ...(filter.requestId ? { requestId: filter.requestId } : {}),
      ...range('startTime', filter.start, filter.end),
    };
    const rows = await this.prisma.spendLog.findMany({ where, orderBy: { startTime: 'desc' }, take: limit });
    return rows.map((row) => ({
      request_id: row.requestId,
      call_type: row.callType,
      api_key: row.apiKey,
      key_alias: row.keyAlias,
      spend: row.spend,
      total_tokens: row.totalTokens,
      prompt_tokens: row.promptTokens,
      completion_tokens: row.completionTokens,
      cached_tokens: row.cachedTokens,
      startTime: row.startTime,
      endTime: row.endTime,
      model: row.model,
      model_group: row.modelGroup,
      model_id: row.modelId,
      custom_llm_provider: row.provider,
      api_base: row.apiBase,
      user: row.userId,
      team_id: row.teamId,
      organization_id: row.organizationId,
      end_user: row.endUser,
      status: row.status,
      cache_hit: String(row.cacheHit),
      request_tags: row.tags,
      metadata: row.metadata,
      messages: row.messages,
      response: row.response,
    }));
  }

  /**
   * A page of the requests the principal may read (admins and viewers all, team admins also their
   * teams', anyone else their own), newest first: cursor pagination by start time, then request id.
   */
  async logsPage(
    principal: Principal,
    query: SpendLogQuery,
    request: SpendLogPageRequest,
  ): Promise<SpendLogPage> {
    checkPageSize(request.first);
    const cursor = request.after ? decodeCursor(request.after) : undefined;
    const after = cursor ? { startTime: cursorDate(cursor), requestId: cursor.id } : undefined;
    const where = spendLogConditions(spendScopeOf(principal), query, await this.keyHashOf(query.keyId));
    const beyond = after
      ? Prisma.sql`AND (s."startTime", s.request_id) < (${utc(after.startTime)}, ${after.requestId})`
      : Prisma.empty;
    const [rows, counted] = await Promise.all([
      this.prisma.$queryRaw<SpendLogRow[]>`
        SELECT ${SPEND_LOG_COLUMNS} FROM spend_logs s LEFT JOIN keys k ON k.token = s.api_key
        WHERE ${where} ${beyond}
        ORDER BY s."startTime" DESC, s.request_id DESC LIMIT ${request.first + 1}`,
      this.prisma.$queryRaw<Array<{ count: number }>>`
        SELECT count(*)::int AS count FROM spend_logs s WHERE ${where}`,
    ]);
    const items = rows.slice(0, request.first).map(spendLogEntryOf);
    return {
      items,
      cursors: items.map((item) => encodeCursor(item.startTime, item.requestId)),
      hasNextPage: rows.length > request.first,
      totalCount: counted[0]?.count ?? 0,
    };
  }

  /** Spend, requests and tokens per UTC day and `dimension`, over the requests `logsPage` would list. */
  /** Per UTC day × dimension (per day alone without a dimension), over what spendLogs would list. */
  async summary(
    principal: Principal,
    dimension: SummaryDimension | undefined,
    query: SpendLogQuery,
  ): Promise<SpendSummaryRow[]> {
    const where = spendLogConditions(spendScopeOf(principal), query, await this.keyHashOf(query.keyId));
    const rows = await this.prisma.$queryRaw<SpendSummarySqlRow[]>(spendSummarySql(dimension, where));
    return rows.map(spendSummaryRowOf);
  }

  /** The `limit` keys, users, teams, models or tags that spent most over the range, most first. */
  async totals(
    principal: Principal,
    dimension: SummaryDimension,
    query: SpendLogQuery,
    limit: number,
  ): Promise<Omit<SpendSummaryRow, 'day'>[]> {
    const where = spendLogConditions(spendScopeOf(principal), query, await this.keyHashOf(query.keyId));
    const rows = await this.prisma.$queryRaw<SpendSummarySqlRow[]>(spendTotalsSql(dimension, where, limit));
    return rows.map(spendSummaryRowOf);
  }

  /** The hash the ledger stores for a key id; null when no key has that id. */
  private async keyHashOf(keyId: string | undefined): Promise<string | null | undefined> {
    if (keyId === undefined) return undefined;
    const key = await this.prisma.key.findUnique({ where: { id: keyId }, select: { hash: true } });
    return key?.hash ?? null;
  }

  async tags(start?: Date, end?: Date) {
    const rows = await this.prisma.dailySpend.groupBy({
      by: ['entityId'],
      where: { entityType: 'tag', ...range('date', start, end) },
      _sum: { requests: true, spend: true },
    });
    return rows
      .map((row) => ({
        individual_request_tag: row.entityId,
        log_count: row._sum.requests ?? 0,
        total_spend: row._sum.spend ?? 0,
      }))
      .sort((a, b) => b.total_spend - a.total_spend);
  }

  async report(group: ReportGroup, start: Date, end: Date) {
    const entityType = group === 'team' ? 'team' : group === 'customer' ? 'end_user' : 'key';
    const rows = await this.prisma.dailySpend.findMany({
      where: { entityType, date: { gte: start, lte: end } },
      orderBy: [{ date: 'asc' }, { entityId: 'asc' }],
    });
    if (group === 'api_key') {
      const byKey = new Map<string, KeyReport>();
      for (const row of rows) {
        const entry = byKey.get(row.entityId) ?? {
          api_key: row.entityId,
          total_cost: 0,
          total_input_tokens: 0,
          total_output_tokens: 0,
          model_details: [],
        };
        entry.total_cost += row.spend;
        entry.total_input_tokens += Number(row.promptTokens);
        entry.total_output_tokens += Number(row.completionTokens);
        entry.model_details.push({
          model: row.model,
          total_cost: row.spend,
          total_input_tokens: Number(row.promptTokens),
          total_output_tokens: Number(row.completionTokens),
        });
        byKey.set(row.entityId, entry);
      }
      return [...byKey.values()];
    }
    const byDay = new Map<string, Map<string, Entity>>();
    for (const row of rows) {
      const day = byDay.get(dayOf(row.date)) ?? new Map<string, Entity>();
      const entity = day.get(row.entityId) ?? { name: row.entityId, total_spend: 0, metadata: [] };
      entity.total_spend += row.spend;
      entity.metadata.push({
        model: row.model,
        spend: row.spend,
        total_tokens: Number(row.promptTokens + row.completionTokens),
      });
      day.set(row.entityId, entity);
      byDay.set(dayOf(row.date), day);
    }
    const listKey = group === 'team' ? 'teams' : 'customers';
    const nameKey = group === 'team' ? 'team_name' : 'customer';
    return [...byDay].map(([day, entities]) => ({
      group_by_day: day,
      [listKey]: [...entities.values()].map((e) => ({
        [nameKey]: e.name,
        total_spend: e.total_spend,
        metadata: e.metadata,
      })),
    }));
  }
}

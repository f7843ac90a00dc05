import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@switchyard/db';

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

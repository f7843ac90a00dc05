import { Injectable, Logger } from '@nestjs/common';
import { PrismaService, type Prisma } from '@switchyard/db';

import { BudgetAlertService } from './budget-alert.service';
import type { SpendEvent } from './spend-event';

interface Aggregate {
  date: string;
  entity_type: string;
  entity_id: string;
  model: string;
  requests: number;
  successes: number;
  failures: number;
  prompt_tokens: number;
  completion_tokens: number;
  spend: number;
}

const day = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

function entitiesOf(event: SpendEvent): Array<[type: string, id: string]> {
  const entities: Array<[string, string]> = [['model', event.modelGroup ?? event.model]];
  if (event.apiKey) entities.push(['key', event.apiKey]);
  if (event.userId) entities.push(['user', event.userId]);
  if (event.teamId) entities.push(['team', event.teamId]);
  if (event.organizationId) entities.push(['organization', event.organizationId]);
  if (event.endUser) entities.push(['end_user', event.endUser]);
  for (const tag of event.tags) entities.push(['tag', tag]);
  return entities;
}

function aggregate(events: readonly SpendEvent[]): Aggregate[] {
  const rows = new Map<string, Aggregate>();
  for (const event of events) {
    const date = day(event.startTime);
    for (const [type, id] of entitiesOf(event)) {
      const key = `${date}\u0000${type}\u0000${id}\u0000${event.model}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          date,
          entity_type: type,
          entity_id: id,
          model: event.model,
          requests: 0,
          successes: 0,
          failures: 0,
          prompt_tokens: 0,
          completion_tokens: 0,
          spend: 0,
        };
        rows.set(key, row);
      }
      row.requests += 1;
      row.successes += event.status === 'success' ? 1 : 0;
      row.failures += event.status === 'failure' ? 1 : 0;
      row.prompt_tokens += event.promptTokens;
      row.completion_tokens += event.completionTokens;
      row.spend += event.cost;
    }
  }
  // A fixed order keeps concurrent batches from locking the same rows in opposite orders.
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

function totals(
  events: readonly SpendEvent[],
  pick: (e: SpendEvent) => string | null,
): Array<{ id: string; amount: number }> {
  const sums = new Map<string, number>();
  for (const event of events) {
    const id = pick(event);
    if (id && event.cost > 0) sums.set(id, (sums.get(id) ?? 0) + event.cost);
  }
  return [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, amount]) => ({ id, amount }));
}

const TOTAL_TABLES: ReadonlyArray<[table: string, column: string, pick: (e: SpendEvent) => string | null]> = [
  ['keys', 'token', (e) => e.apiKey],
  ['users', 'user_id', (e) => e.userId],
  ['teams', 'team_id', (e) => e.teamId],
  ['organizations', 'organization_id', (e) => e.organizationId],
];

/**
 * Writes a batch of spend events in one transaction: the spend-log rows (a request id already
 * written is skipped, so a retried batch never counts twice), then daily aggregates and running
 * totals for the rows that were new.
 */
@Injectable()
export class SpendIngestService {
  private readonly logger = new Logger('SpendIngest');

  constructor(
    private readonly alerts: BudgetAlertService,
    private readonly prisma: PrismaService,
  ) {}

  async ingest(events: readonly SpendEvent[]): Promise<{ inserted: number }> {
    if (events.length === 0) return { inserted: 0 };
    const fresh: SpendEvent[] = [];
    const result = await this.prisma.$transaction(async (tx) => {
      fresh.push(...(await this.insertLogs(tx, events)));
      if (fresh.length === 0) return { inserted: 0 };
      await this.upsertDaily(tx, aggregate(fresh));
      for (const [table, column, pick] of TOTAL_TABLES) {
        const rows = totals(fresh, pick);
        if (rows.length === 0) continue;
        await tx.$executeRawUnsafe(
          `UPDATE "${table}" AS t SET spend = t.spend + x.amount FROM jsonb_to_recordset($1::jsonb) AS x(id text, amount float8) WHERE t."${column}" = x.id`,
          JSON.stringify(rows),
        );
      }
      return { inserted: fresh.length };
    });
    if (fresh.length > 0 && this.alerts.enabled) {
      const ids = (pick: (e: SpendEvent) => string | null) => [
        ...new Set(fresh.map(pick).filter((id): id is string => id !== null)),
      ];
      // The ledger is written: an alert problem must not make the batch run again.
      await this.alerts
        .check({ keys: ids((e) => e.apiKey), users: ids((e) => e.userId), teams: ids((e) => e.teamId) })
        .catch((error: Error) => this.logger.warn(`budget alerts not checked: ${error.message}`));
    }
    return result;
  }

  private async insertLogs(
    tx: Prisma.TransactionClient,
    events: readonly SpendEvent[],
  ): Promise<SpendEvent[]> {
    const rows = events.map((e) => ({
      request_id: e.requestId,
      call_type: e.callType,
      api_key: e.apiKey,
      key_alias: e.keyAlias,
      user: e.userId,
      team_id: e.teamId,
      organization_id: e.organizationId,
      end_user: e.endUser,
      model: e.model,
      model_group: e.modelGroup,
      model_id: e.modelId,
      custom_llm_provider: e.provider,
      api_base: e.apiBase,
      prompt_tokens: e.promptTokens,
      completion_tokens: e.completionTokens,
      cached_tokens: e.cachedTokens,
      total_tokens: e.promptTokens + e.completionTokens,
      spend: e.cost,
      start_time: new Date(e.startTime).toISOString(),
      end_time: new Date(e.endTime).toISOString(),
      status: e.status,
      cache_hit: e.cacheHit,
      request_tags: e.tags,
      messages: e.messages ?? null,
      response: e.response ?? null,
      metadata: e.errorCode ? { error_code: e.errorCode } : {},
    }));
    const inserted = await tx.$queryRawUnsafe<Array<{ request_id: string }>>(
      `INSERT INTO spend_logs (request_id, call_type, api_key, key_alias, "user", team_id, organization_id, end_user, model,
         model_group, model_id, custom_llm_provider, api_base, prompt_tokens, completion_tokens, cached_tokens, total_tokens,
         spend, "startTime", "endTime", status, cache_hit, request_tags, messages, response, metadata)
       SELECT request_id, call_type, api_key, key_alias, "user", team_id, organization_id, end_user, model, model_group,
         model_id, custom_llm_provider, api_base, prompt_tokens, completion_tokens, cached_tokens, total_tokens, spend,
         start_time, end_time, status, cache_hit, request_tags, messages, response, metadata
       FROM jsonb_to_recordset($1::jsonb) AS x(request_id text, call_type text, api_key text, key_alias text, "user" text,
         team_id text, organization_id text, end_user text, model text, model_group text, model_id text,
         custom_llm_provider text, api_base text, prompt_tokens int, completion_tokens int, cached_tokens int,
         total_tokens int, spend float8, start_time timestamp, end_time timestamp, status text, cache_hit boolean,
         request_tags text[], messages jsonb, response jsonb, metadata jsonb)
       ON CONFLICT (request_id) DO NOTHING
       RETURNING request_id`,
      JSON.stringify(rows),
    );
    const ids = new Set(inserted.map((row) => row.request_id));
    return events.filter((event) => ids.has(event.requestId));
  }

  private async upsertDaily(tx: Prisma.TransactionClient, rows: readonly Aggregate[]): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO daily_spend (date, entity_type, entity_id, model, requests, successes, failures, prompt_tokens, completion_tokens, spend)
       SELECT date, entity_type, entity_id, model, requests, successes, failures, prompt_tokens, completion_tokens, spend
       FROM jsonb_to_recordset($1::jsonb) AS x(date date, entity_type text, entity_id text, model text, requests int,
         successes int, failures int, prompt_tokens bigint, completion_tokens bigint, spend float8)
       ON CONFLICT (date, entity_type, entity_id, model) DO UPDATE SET
         requests = daily_spend.requests + EXCLUDED.requests,
         successes = daily_spend.successes + EXCLUDED.successes,
         failures = daily_spend.failures + EXCLUDED.failures,
         prompt_tokens = daily_spend.prompt_tokens + EXCLUDED.prompt_tokens,
         completion_tokens = daily_spend.completion_tokens + EXCLUDED.completion_tokens,
         spend = daily_spend.spend + EXCLUDED.spend`,
      JSON.stringify(rows),
    );
  }
}

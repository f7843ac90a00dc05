import { UseFilters } from '@nestjs/common';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { MAX_PAGE_SIZE } from '@switchyard/kernel';
import {
  SpendReportService,
  type SpendLogEntry,
  type SpendSummaryRow as SpendSummaryRecord,
} from '@switchyard/spend';

import { parseRequest } from '../../management/parse-request';
import { dateRange } from '../../management/spend.requests';
import { connectionComplexity, connectionOf, PageArgs } from '../connection';
import type { GraphqlContext } from '../context';
import { graphqlError, GraphqlErrorFilter } from '../errors';
import {
  SpendGroupBy,
  SpendLog,
  SpendLogConnection,
  SpendLogFilter,
  SpendSummaryFilter,
  SpendSummaryRow,
  SpendTotal,
} from '../types/spend.type';
import { TeamNode } from '../types/team.type';
import { UserNode } from '../types/user.type';

/** The longest range one summary covers: its rows are days × groups, all in one answer. */
const MAX_SUMMARY_DAYS = 366;

function summaryRange(fromText: string, toText: string): { start?: Date; end?: Date } {
  const { from, to } = parseRequest(dateRange, { from: fromText, to: toText });
  if (from && to && to.getTime() - from.getTime() > MAX_SUMMARY_DAYS * 86_400_000) {
    throw graphqlError('BAD_USER_INPUT', `A summary covers at most ${MAX_SUMMARY_DAYS} days.`);
  }
  return { ...(from ? { start: from } : {}), ...(to ? { end: to } : {}) };
}

function totalOf(row: Omit<SpendSummaryRecord, 'day'>): SpendTotal {
  return {
    group: { id: row.groupId, name: row.groupName },
    spend: row.spend,
    requests: row.requests,
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
  };
}

@Resolver(() => SpendLog)
@UseFilters(GraphqlErrorFilter)
export class SpendResolver {
  constructor(private readonly reports: SpendReportService) {}

  @Query(() => SpendLogConnection, {
    description:
      'Requests, newest first: all for admins and viewers, also their teams\u2019 for team admins, their own otherwise.',
    complexity: connectionComplexity,
  })
  async spendLogs(
    @Context() ctx: GraphqlContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => SpendLogFilter, nullable: true }) filter?: SpendLogFilter,
  ) {
    const { from, to } = parseRequest(dateRange, { from: filter?.from, to: filter?.to });
    const result = await this.reports.logsPage(
      await ctx.principal(),
      { ...filter, start: from, end: to },
      { first: page.first, after: page.after },
    );
    return connectionOf(result, page.after);
  }

  @Query(() => [SpendSummaryRow], {
    description:
      'Spend per UTC day and key, user, team, model group or tag (per day alone without groupBy), over the requests spendLogs lists.',
  })
  async spendSummary(
    @Context() ctx: GraphqlContext,
    @Args('from', { description: 'A day or a moment.' }) fromText: string,
    @Args('to', { description: 'A day (included) or a moment.' }) toText: string,
    @Args('groupBy', { type: () => SpendGroupBy, nullable: true }) groupBy?: SpendGroupBy,
    @Args('filter', { type: () => SpendSummaryFilter, nullable: true }) filter?: SpendSummaryFilter,
  ): Promise<SpendSummaryRow[]> {
    const range = summaryRange(fromText, toText);
    const rows = await this.reports.summary(await ctx.principal(), groupBy, { ...filter, ...range });
    return rows.map((row) => ({ ...totalOf(row), day: row.day }));
  }

  @Query(() => [SpendTotal], {
    description: 'The keys, users, teams, models or tags that spent most over the range, most first.',
  })
  async spendTotals(
    @Context() ctx: GraphqlContext,
    @Args('groupBy', { type: () => SpendGroupBy }) groupBy: SpendGroupBy,
    @Args('from', { description: 'A day or a moment.' }) fromText: string,
    @Args('to', { description: 'A day (included) or a moment.' }) toText: string,
    @Args('first', { type: () => Int, defaultValue: 10, description: 'How many, 1 to 100.' }) first: number,
    @Args('filter', { type: () => SpendSummaryFilter, nullable: true }) filter?: SpendSummaryFilter,
  ): Promise<SpendTotal[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw graphqlError('BAD_USER_INPUT', `\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`);
    }
    const range = summaryRange(fromText, toText);
    const rows = await this.reports.totals(await ctx.principal(), groupBy, { ...filter, ...range }, first);
    return rows.map(totalOf);
  }

  @ResolveField(() => TeamNode, { nullable: true })
  team(@Parent() log: SpendLogEntry, @Context() ctx: GraphqlContext) {
    return log.teamId ? ctx.loaders.team.load(log.teamId) : null;
  }

  @ResolveField(() => UserNode, { nullable: true })
  user(@Parent() log: SpendLogEntry, @Context() ctx: GraphqlContext) {
    return log.userId ? ctx.loaders.user.load(log.userId) : null;
  }
}

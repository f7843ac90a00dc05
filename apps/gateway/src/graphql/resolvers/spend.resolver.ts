import { UseFilters } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { SpendReportService, type SpendLogEntry } from '@switchyard/spend';

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
} from '../types/spend.type';
import { TeamNode } from '../types/team.type';
import { UserNode } from '../types/user.type';

/** The longest range one summary covers: its rows are days × groups, all in one answer. */
const MAX_SUMMARY_DAYS = 366;

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
      'Spend per UTC day and key, user, team, model group or tag, over the requests spendLogs lists.',
  })
  async spendSummary(
    @Context() ctx: GraphqlContext,
    @Args('groupBy', { type: () => SpendGroupBy }) groupBy: SpendGroupBy,
    @Args('from', { description: 'A day or a moment.' }) fromText: string,
    @Args('to', { description: 'A day (included) or a moment.' }) toText: string,
    @Args('filter', { type: () => SpendSummaryFilter, nullable: true }) filter?: SpendSummaryFilter,
  ): Promise<SpendSummaryRow[]> {
    const { from, to } = parseRequest(dateRange, { from: fromText, to: toText });
    if (from && to && to.getTime() - from.getTime() > MAX_SUMMARY_DAYS * 86_400_000) {
      throw graphqlError('BAD_USER_INPUT', `A summary covers at most ${MAX_SUMMARY_DAYS} days.`);
    }
    const rows = await this.reports.summary(await ctx.principal(), groupBy, {
      ...filter,
      start: from,
      end: to,
    });
    return rows.map((row) => ({
      day: row.day,
      group: { id: row.groupId, name: row.groupName },
      spend: row.spend,
      requests: row.requests,
      promptTokens: row.promptTokens,
      completionTokens: row.completionTokens,
    }));
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

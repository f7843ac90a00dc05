import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '@switchyard/auth';
import { AccessPolicy, hashKey, type Principal } from '@switchyard/identity';
import { SpendReportService } from '@switchyard/spend';
import { z } from 'zod';

import { CurrentPrincipal } from './current-principal.decorator';
import { parseRequest } from './parse-request';
import { date, endOfDay, logsQuery } from './spend.requests';

/** LiteLLM's spend routes: logs, tags and the global report. */
@Controller()
@UseGuards(ApiKeyGuard)
export class SpendController {
  constructor(private readonly reports: SpendReportService) {}

  @Get('spend/logs')
  logs(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const q = parseRequest(logsQuery, query);
    // Anyone but an admin or admin viewer reads only their own requests.
    const userId = AccessPolicy.canReadAll(principal) ? q.user_id : principal.userId;
    return this.reports.logs(
      {
        ...(q.api_key ? { apiKey: /^[0-9a-f]{64}$/.test(q.api_key) ? q.api_key : hashKey(q.api_key) } : {}),
        ...(userId ? { userId } : {}),
        ...(q.request_id ? { requestId: q.request_id } : {}),
        ...(q.start_date ? { start: q.start_date } : {}),
        ...(q.end_date ? { end: endOfDay(q.end_date) } : {}),
      },
      q.limit,
    );
  }

  @Get('spend/tags')
  tags(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    AccessPolicy.requireReadAll(principal, 'read spend by tag');
    const q = parseRequest(z.object({ start_date: date.optional(), end_date: date.optional() }), query);
    return this.reports.tags(q.start_date, q.end_date ? endOfDay(q.end_date) : undefined);
  }

  @Get('global/spend/report')
  report(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    AccessPolicy.requireReadAll(principal, 'read the global spend report');
    const q = parseRequest(
      z.object({
        start_date: date,
        end_date: date,
        group_by: z.enum(['team', 'customer', 'api_key']).default('team'),
      }),
      query,
    );
    return this.reports.report(q.group_by, q.start_date, endOfDay(q.end_date));
  }
}

import { UseFilters } from '@nestjs/common';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import {
  AccessPolicy,
  AuditRepository,
  IdentityTransaction,
  type AuditEvent as AuditRecord,
} from '@switchyard/identity';

import { parseRequest } from '../../management/parse-request';
import { dateRange } from '../../management/spend.requests';
import { connectionComplexity, connectionOf, PageArgs } from '../connection';
import type { GraphqlContext } from '../context';
import { GraphqlErrorFilter } from '../errors';
import { AuditEvent, AuditEventConnection, AuditEventFilter, auditValue } from '../types/audit.type';

function auditEventOf(event: AuditRecord): AuditEvent {
  return { ...event, before: auditValue(event.before), after: auditValue(event.after) };
}

@Resolver(() => AuditEvent)
@UseFilters(GraphqlErrorFilter)
export class AuditResolver {
  constructor(
    private readonly audit: AuditRepository,
    private readonly transaction: IdentityTransaction,
  ) {}

  @Query(() => AuditEventConnection, {
    description: 'The audit log of management mutations, newest first: admins and admin viewers only.',
    complexity: connectionComplexity,
  })
  async auditEvents(
    @Context() ctx: GraphqlContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => AuditEventFilter, nullable: true }) filter?: AuditEventFilter,
  ) {
    AccessPolicy.requireReadAll(await ctx.principal(), 'read the audit log');
    const { from, to } = parseRequest(dateRange, { from: filter?.from, to: filter?.to });
    const result = await this.audit.page(this.transaction.client, { ...filter, from, to }, page);
    return connectionOf({ ...result, items: result.items.map(auditEventOf) }, page.after);
  }
}

import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '@switchyard/auth';
import { AccessPolicy, AuditRepository, IdentityTransaction, type Principal } from '@switchyard/identity';
import { z } from 'zod';

import { CurrentPrincipal } from './current-principal.decorator';
import { parseRequest } from './parse-request';
import { page } from './request-fields';

/** The audit log of management mutations, for admins and admin viewers. */
@Controller('audit')
@UseGuards(ApiKeyGuard)
export class AuditController {
  constructor(
    private readonly audit: AuditRepository,
    private readonly transaction: IdentityTransaction,
  ) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    AccessPolicy.requireReadAll(principal, 'read the audit log');
    const request = parseRequest(
      page.extend({ table_name: z.string().optional(), object_id: z.string().optional() }),
      query,
    );
    const filter = {
      ...(request.table_name ? { entityType: request.table_name } : {}),
      ...(request.object_id ? { entityId: request.object_id } : {}),
    };
    const events = await this.audit.list(this.transaction.client, filter, {
      skip: (request.page - 1) * request.size,
      take: request.size,
    });
    return {
      audit_logs: events.map((e) => ({
        id: e.id,
        action: e.action,
        table_name: e.entityType,
        object_id: e.entityId,
        changed_by: e.changedBy,
        before_value: e.before,
        updated_values: e.after,
        updated_at: e.createdAt,
      })),
    };
  }
}

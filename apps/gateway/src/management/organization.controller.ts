import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '@switchyard/auth';
import { OrganizationService, type OrganizationRecord, type Principal } from '@switchyard/identity';
import { z } from 'zod';

import { CurrentPrincipal } from './current-principal.decorator';
import { newOrg, updateOrg, orgMember, organizationFieldsOf } from './organization.requests';
import { parseRequest } from './parse-request';
import { id } from './request-fields';

function organizationResponse(org: OrganizationRecord) {
  return {
    organization_id: org.id,
    organization_alias: org.alias,
    models: org.models,
    spend: org.spend,
    max_budget: org.maxBudget,
    budget_duration: org.budgetDuration,
    rpm_limit: org.rpmLimit,
    tpm_limit: org.tpmLimit,
    metadata: org.metadata,
    members: org.members.map((m) => ({ user_id: m.userId, user_role: m.role })),
    teams: org.teams.map((team_id) => ({ team_id })),
    created_at: org.createdAt,
    updated_at: org.updatedAt,
  };
}

/** LiteLLM's `/organization/*` routes (LiteLLM uses PATCH for update and DELETE for delete; POST works too). */
@Controller('organization')
@UseGuards(ApiKeyGuard)
export class OrganizationController {
  constructor(private readonly organizations: OrganizationService) {}

  @Post('new')
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(newOrg, body);
    return organizationResponse(
      await this.organizations.create(principal, request.organization_id, {
        ...organizationFieldsOf(request),
        alias: request.organization_alias,
      }),
    );
  }

  @Get('info')
  async info(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const { organization_id } = parseRequest(z.object({ organization_id: id }), query);
    return organizationResponse(await this.organizations.info(principal, organization_id));
  }

  @Post('update')
  @HttpCode(200)
  updateByPost(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.update(principal, body);
  }

  @Patch('update')
  @HttpCode(200)
  async update(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(updateOrg, body);
    return organizationResponse(
      await this.organizations.update(principal, request.organization_id, organizationFieldsOf(request)),
    );
  }

  @Post('delete')
  @HttpCode(200)
  deleteByPost(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.delete(principal, body);
  }

  @Delete('delete')
  @HttpCode(200)
  async delete(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { organization_ids } = parseRequest(z.object({ organization_ids: z.array(id).min(1) }), body);
    await this.organizations.delete(principal, organization_ids);
    return { deleted_organization_ids: organization_ids };
  }

  @Get('list')
  async list(@CurrentPrincipal() principal: Principal) {
    return (await this.organizations.list(principal)).map(organizationResponse);
  }

  @Post('member_add')
  @HttpCode(200)
  async memberAdd(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(
      z.object({ organization_id: id, member: z.union([orgMember, z.array(orgMember).min(1)]) }),
      body,
    );
    const members = (Array.isArray(request.member) ? request.member : [request.member]).map((m) => ({
      role: m.role,
      ...(m.user_id ? { userId: m.user_id } : {}),
      ...(m.user_email ? { email: m.user_email } : {}),
    }));
    return organizationResponse(
      await this.organizations.addMembers(principal, request.organization_id, members),
    );
  }
}

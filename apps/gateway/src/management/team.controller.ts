import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '@switchyard/auth';
import { TeamService, type Principal, type TeamRecord } from '@switchyard/identity';
import { z } from 'zod';

import { CurrentPrincipal } from './current-principal.decorator';
import { keyResponse } from './key.response';
import { parseRequest } from './parse-request';
import { newTeam, updateTeam, memberAdd, memberDelete, teamFieldsOf, memberOf } from './team.requests';
import { id, page } from './request-fields';

export function teamResponse(team: TeamRecord) {
  return {
    team_id: team.id,
    team_alias: team.alias,
    organization_id: team.organizationId,
    models: team.models,
    spend: team.spend,
    max_budget: team.maxBudget,
    budget_duration: team.budgetDuration,
    rpm_limit: team.rpmLimit,
    tpm_limit: team.tpmLimit,
    max_parallel_requests: team.maxParallelRequests,
    blocked: team.blocked,
    metadata: team.metadata,
    members_with_roles: team.members.map((m) => ({ user_id: m.userId, user_email: m.email, role: m.role })),
    created_at: team.createdAt,
    updated_at: team.updatedAt,
  };
}

/** LiteLLM's `/team/*` routes. */
@Controller('team')
@UseGuards(ApiKeyGuard)
export class TeamController {
  constructor(private readonly teams: TeamService) {}

  @Post('new')
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(newTeam, body);
    return teamResponse(
      await this.teams.create(
        principal,
        request.team_id,
        teamFieldsOf(request),
        request.members_with_roles.map(memberOf),
      ),
    );
  }

  @Get('info')
  async info(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const { team_id } = parseRequest(z.object({ team_id: id }), query);
    const { team, keys } = await this.teams.info(principal, team_id);
    return { team_id: team.id, team_info: teamResponse(team), keys: keys.map(keyResponse) };
  }

  @Post('update')
  @HttpCode(200)
  async update(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(updateTeam, body);
    const team = await this.teams.update(principal, request.team_id, teamFieldsOf(request));
    return { team_id: team.id, data: teamResponse(team) };
  }

  @Post('delete')
  @HttpCode(200)
  async delete(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { team_ids } = parseRequest(z.object({ team_ids: z.array(id).min(1) }), body);
    await this.teams.delete(principal, team_ids);
    return { deleted_team_ids: team_ids };
  }

  @Get('list')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const request = parseRequest(page.extend({ organization_id: id.optional() }), query);
    const filter = request.organization_id ? { organizationId: request.organization_id } : {};
    const { teams } = await this.teams.list(principal, filter, request);
    return teams.map(teamResponse);
  }

  @Post('member_add')
  @HttpCode(200)
  async memberAdd(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(memberAdd, body);
    const members = (Array.isArray(request.member) ? request.member : [request.member]).map(memberOf);
    return teamResponse(await this.teams.addMembers(principal, request.team_id, members));
  }

  @Post('member_delete')
  @HttpCode(200)
  async memberDelete(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(memberDelete, body);
    const member = {
      ...(request.user_id ? { userId: request.user_id } : {}),
      ...(request.user_email ? { email: request.user_email } : {}),
    };
    return teamResponse(await this.teams.deleteMember(principal, request.team_id, member));
  }
}

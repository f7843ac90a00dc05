import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '@switchyard/auth';
import { UserService, type Principal, type UserRecord } from '@switchyard/identity';
import { z } from 'zod';

import { CurrentPrincipal } from './current-principal.decorator';
import { keyResponse } from './key.response';
import { parseRequest } from './parse-request';
import { newUser, updateUser, userFieldsOf } from './user.requests';
import { id, page, userRole } from './request-fields';

export function userResponse(user: UserRecord) {
  return {
    user_id: user.id,
    user_email: user.email,
    user_alias: user.alias,
    user_role: user.role,
    models: user.models,
    spend: user.spend,
    max_budget: user.maxBudget,
    budget_duration: user.budgetDuration,
    rpm_limit: user.rpmLimit,
    tpm_limit: user.tpmLimit,
    max_parallel_requests: user.maxParallelRequests,
    metadata: user.metadata,
    teams: user.teams,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

/** LiteLLM's `/user/*` routes. */
@Controller('user')
@UseGuards(ApiKeyGuard)
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post('new')
  @HttpCode(200)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(newUser, body);
    const { user, key, keyRecord } = await this.users.create(
      principal,
      request.user_id,
      userFieldsOf(request),
      request.auto_create_key,
    );
    return {
      ...userResponse(user),
      key,
      key_id: keyRecord?.id ?? null,
      key_name: keyRecord?.keyName ?? null,
    };
  }

  @Get('info')
  async info(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const { user_id } = parseRequest(z.object({ user_id: id.optional() }), query);
    const { user, keys } = await this.users.info(principal, user_id ?? principal.userId);
    return {
      user_id: user.id,
      user_info: userResponse(user),
      keys: keys.map(keyResponse),
      teams: user.teams,
    };
  }

  @Post('update')
  @HttpCode(200)
  async update(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(updateUser, body);
    const user = await this.users.update(principal, request.user_id, userFieldsOf(request));
    return { user_id: user.id, data: userResponse(user) };
  }

  @Post('delete')
  @HttpCode(200)
  async delete(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { user_ids } = parseRequest(z.object({ user_ids: z.array(id).min(1) }), body);
    await this.users.delete(principal, user_ids);
    return { deleted_user_ids: user_ids };
  }

  @Get('list')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const request = parseRequest(page.extend({ role: userRole.optional() }), query);
    const { users, total } = await this.users.list(
      principal,
      request.role ? { role: request.role } : {},
      request,
    );
    return {
      users: users.map(userResponse),
      total,
      page: request.page,
      page_size: request.size,
      total_pages: Math.ceil(total / request.size),
    };
  }
}

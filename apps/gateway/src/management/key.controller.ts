import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, apiKeyFromHeaders } from '@switchyard/auth';
import { KeyService, type Principal } from '@switchyard/identity';
import type { FastifyRequest } from 'fastify';

import { CurrentPrincipal } from './current-principal.decorator';
import {
  deleteKeysRequest,
  generateKeyRequest,
  keyFieldsOf,
  keyRefOf,
  keyRefRequest,
  listKeysRequest,
  updateKeyRequest,
} from './key.requests';
import { keyResponse } from './key.response';
import { parseRequest } from './parse-request';

/** LiteLLM's `/key/*` routes. */
@Controller('key')
@UseGuards(ApiKeyGuard)
export class KeyController {
  constructor(private readonly keys: KeyService) {}

  @Post('generate')
  @HttpCode(200)
  async generate(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { key, record } = await this.keys.generate(
      principal,
      keyFieldsOf(parseRequest(generateKeyRequest, body)),
    );
    return { key, ...keyResponse(record) };
  }

  @Get('info')
  async info(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
  ) {
    const asked = parseRequest(keyRefRequest, query);
    // Without `key`, LiteLLM answers about the key the caller authenticated with.
    const own = apiKeyFromHeaders(request.headers);
    const ref =
      !asked.key && !asked.key_id && own?.startsWith('sk-') && !principal.isMaster
        ? { key: own }
        : keyRefOf(asked);
    const record = await this.keys.info(principal, ref);
    return { key_id: record.id, info: keyResponse(record) };
  }

  @Get('list')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const { page, size, user_id, team_id, key_alias } = parseRequest(listKeysRequest, query);
    const filter = {
      ...(user_id ? { userId: user_id } : {}),
      ...(team_id ? { teamId: team_id } : {}),
      ...(key_alias ? { keyAlias: key_alias } : {}),
    };
    const { keys, total } = await this.keys.list(principal, filter, { page, size });
    return {
      keys: keys.map(keyResponse),
      total_count: total,
      current_page: page,
      total_pages: Math.ceil(total / size),
    };
  }

  @Post('update')
  @HttpCode(200)
  async update(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(updateKeyRequest, body);
    return keyResponse(await this.keys.update(principal, keyRefOf(request), keyFieldsOf(request)));
  }

  @Post('delete')
  @HttpCode(200)
  async delete(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { keys = [], key_ids = [] } = parseRequest(deleteKeysRequest, body);
    const refs = [...keys.map((key) => ({ key })), ...key_ids.map((id) => ({ id }))];
    return { deleted_keys: await this.keys.delete(principal, refs) };
  }

  @Post('regenerate')
  @HttpCode(200)
  regenerate(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(updateKeyRequest, body);
    return this.regenerated(principal, keyRefOf(request), request);
  }

  @Post(':key/regenerate')
  @HttpCode(200)
  regeneratePath(@CurrentPrincipal() principal: Principal, @Param('key') key: string, @Body() body: unknown) {
    return this.regenerated(principal, { key }, parseRequest(updateKeyRequest, body ?? {}));
  }

  @Post('block')
  @HttpCode(200)
  async block(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return keyResponse(await this.keys.block(principal, keyRefOf(parseRequest(keyRefRequest, body))));
  }

  @Post('unblock')
  @HttpCode(200)
  async unblock(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return keyResponse(await this.keys.unblock(principal, keyRefOf(parseRequest(keyRefRequest, body))));
  }

  private async regenerated(
    principal: Principal,
    ref: ReturnType<typeof keyRefOf>,
    request: Parameters<typeof keyFieldsOf>[0],
  ) {
    const { key, record } = await this.keys.regenerate(principal, ref, keyFieldsOf(request));
    return { key, ...keyResponse(record) };
  }
}

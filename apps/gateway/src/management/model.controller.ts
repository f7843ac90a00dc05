import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '@switchyard/auth';
import type { Principal } from '@switchyard/identity';
import { ModelAdminService } from '@switchyard/models';

import { CurrentPrincipal } from './current-principal.decorator';
import { deleteModel, modelEntry, modelInfoQuery, newModel, updateModel } from './model.requests';
import { parseRequest } from './parse-request';
import { id } from './request-fields';

/** LiteLLM's `/model/*` routes for deployments stored in the database, and `/model/info`. */
@Controller()
@UseGuards(ApiKeyGuard)
export class ModelController {
  constructor(private readonly models: ModelAdminService) {}

  @Get(['model/info', 'v1/model/info'])
  info(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const { litellm_model_id } = parseRequest(modelInfoQuery, query);
    return { data: this.models.info(principal, litellm_model_id) };
  }

  @Post('model/new')
  @HttpCode(200)
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.models.create(principal, parseRequest(newModel, body));
  }

  @Post('model/update')
  @HttpCode(200)
  update(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const request = parseRequest(updateModel, body);
    const modelId = request.model_info?.id ?? request.id ?? request.model_id;
    return this.models.update(principal, parseRequest(id, modelId), request);
  }

  @Patch('model/:id/update')
  @HttpCode(200)
  patch(@CurrentPrincipal() principal: Principal, @Param('id') modelId: string, @Body() body: unknown) {
    return this.models.update(principal, modelId, parseRequest(modelEntry, body));
  }

  @Post('model/delete')
  @HttpCode(200)
  async delete(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    const { id: modelId } = parseRequest(deleteModel, body);
    await this.models.delete(principal, modelId);
    return { message: `Model: ${modelId} deleted successfully` };
  }
}

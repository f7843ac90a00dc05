import { Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';

import type { BoundDeployment, ProviderAdapter, ProviderCall, ProviderResult } from '../provider.types';
import { UpstreamPools } from '../upstream/upstream-pools';
import { bedrockAuth } from './bedrock-auth';
import { bedrockEmbeddings } from './bedrock-embeddings';
import { eventStreamMessages } from './bedrock-event-stream';
import { guardStream, postBedrock, readJson, type BedrockTarget } from './bedrock-http';
import { toConverseRequest } from './bedrock-request';
import { fromConverseResponse } from './bedrock-response';
import { openAiChunks } from './bedrock-stream';

/**
 * `bedrock/converse/<id>` forces the Converse API, which plain `bedrock/<id>` uses anyway. The
 * InvokeModel chat bodies of `bedrock/invoke/<id>` are not implemented: Converse serves those models.
 */
function modelIdOf(upstreamModel: string): string {
  return upstreamModel.replace(/^(converse|invoke)\//, '');
}

/** `bedrock/<model id>`: the Converse API (and InvokeModel for embeddings) behind OpenAI's shape. */
@Injectable()
export class BedrockAdapter implements ProviderAdapter {
  constructor(private readonly pools: UpstreamPools) {}

  bind(deployment: DeploymentConfig): BoundDeployment {
    const { params } = deployment;
    const region = params.aws?.region ?? 'us-west-2';
    const apiBase = (
      params.apiBase ??
      params.aws?.runtimeEndpoint ??
      `https://bedrock-runtime.${region}.amazonaws.com`
    ).replace(/\/+$/, '');
    const url = new URL(apiBase);
    const target: BedrockTarget = {
      pool: this.pools.get(url.origin),
      host: url.host,
      basePath: url.pathname.replace(/\/+$/, ''),
      auth: bedrockAuth(deployment),
      extraHeaders: params.extraHeaders,
    };
    return {
      config: deployment,
      apiBase,
      call: async (call: ProviderCall): Promise<ProviderResult> => {
        const modelId = modelIdOf(call.upstreamModel);
        if (call.callType === 'embedding') {
          return { kind: 'json', body: await bedrockEmbeddings(target, modelId, call) };
        }
        if (call.callType !== 'chat') {
          throw GatewayError.badRequest(
            `bedrock/ deployments serve chat completions and embeddings only, not ${call.callType}`,
            'model',
          );
        }
        const { request, jsonMode } = toConverseRequest(call.body, modelId, call.dropParams);
        if (call.stream) {
          const response = await postBedrock(target, modelId, 'converse-stream', request, call);
          const messages = eventStreamMessages(response.body);
          return { kind: 'stream', events: guardStream(openAiChunks(messages, modelId, jsonMode)) };
        }
        const response = await postBedrock(target, modelId, 'converse', request, call);
        return { kind: 'json', body: fromConverseResponse(await readJson(response), modelId, jsonMode) };
      },
    };
  }
}

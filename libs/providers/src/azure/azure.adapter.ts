import { Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';

import {
  CALL_TYPE_PATHS,
  type BoundDeployment,
  type ProviderAdapter,
  type ProviderCall,
  type ProviderResult,
  webSocketBase,
  withoutContentType,
} from '../provider.types';
import { notServed } from '../upstream/upstream-errors';
import { callOpenAiWire, type OpenAiWireTarget } from '../upstream/openai-wire-call';
import { UpstreamPools } from '../upstream/upstream-pools';

/** Azure OpenAI: `/openai/deployments/{deployment}/...?api-version=`, `api-key` header. */
@Injectable()
export class AzureAdapter implements ProviderAdapter {
  constructor(private readonly pools: UpstreamPools) {}

  bind(deployment: DeploymentConfig): BoundDeployment {
    const { params } = deployment;
    if (!params.apiBase || !params.apiVersion) {
      // The config loader rejects this; a DB-stored deployment could still get here.
      throw new Error(`azure deployment ${deployment.info.id} needs api_base and api_version`);
    }
    const apiBase = params.apiBase.replace(/\/+$/, '');
    const url = new URL(apiBase);
    const basePath = url.pathname.replace(/\/+$/, '');
    const query = `?api-version=${encodeURIComponent(params.apiVersion)}`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (params.apiKey) headers['api-key'] = params.apiKey;
    Object.assign(headers, params.extraHeaders);
    const realtimeHeaders = withoutContentType(headers);
    const target: OpenAiWireTarget = { pool: this.pools.get(url.origin), headers, label: 'AzureException' };
    const pathFor = (call: ProviderCall): string =>
      call.callType === 'responses'
        ? `${basePath}/openai/responses${query}`
        : `${basePath}/openai/deployments/${encodeURIComponent(call.upstreamModel)}/${CALL_TYPE_PATHS[call.callType]}${query}`;
    return {
      config: deployment,
      apiBase,
      call: (call: ProviderCall): Promise<ProviderResult> => {
        if (call.callType === 'messages' || call.callType === 'realtime')
          throw notServed('azure', call.callType);
        return callOpenAiWire(target, pathFor(call), call);
      },
      realtime: (upstreamModel) => ({
        url: `${webSocketBase(apiBase)}/openai/realtime${query}&deployment=${encodeURIComponent(upstreamModel)}`,
        headers: realtimeHeaders,
      }),
    };
  }
}

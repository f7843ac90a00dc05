import { Injectable } from '@nestjs/common';
import type { DeploymentConfig, OpenAiCompatibleProvider } from '@switchyard/config';

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
import { OPENAI_COMPATIBLE_BASES } from './openai-compatible';

const OPENAI_API_BASE = 'https://api.openai.com/v1';

/** OpenAI itself and any OpenAI-compatible server (vLLM, Ollama, ...) through `api_base`. */
@Injectable()
export class OpenAiAdapter implements ProviderAdapter {
  constructor(private readonly pools: UpstreamPools) {}

  bind(deployment: DeploymentConfig): BoundDeployment {
    const { params } = deployment;
    const familyBase =
      params.provider in OPENAI_COMPATIBLE_BASES
        ? OPENAI_COMPATIBLE_BASES[params.provider as OpenAiCompatibleProvider]
        : OPENAI_API_BASE;
    const base = params.apiBase ?? familyBase;
    if (!base) throw new Error(`${params.provider}/ deployment ${deployment.info.id} needs api_base`);
    const apiBase = base.replace(/\/+$/, '');
    const url = new URL(apiBase);
    const basePath = url.pathname.replace(/\/+$/, '');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (params.apiKey) headers.authorization = `Bearer ${params.apiKey}`;
    if (params.organization) headers['openai-organization'] = params.organization;
    Object.assign(headers, params.extraHeaders);
    const realtimeHeaders = withoutContentType(headers);
    const target: OpenAiWireTarget = { pool: this.pools.get(url.origin), headers, label: 'OpenAIException' };
    const paths = {
      chat: `${basePath}/${CALL_TYPE_PATHS.chat}`,
      completion: `${basePath}/${CALL_TYPE_PATHS.completion}`,
      embedding: `${basePath}/${CALL_TYPE_PATHS.embedding}`,
      moderation: `${basePath}/${CALL_TYPE_PATHS.moderation}`,
      responses: `${basePath}/${CALL_TYPE_PATHS.responses}`,
    };
    return {
      config: deployment,
      apiBase,
      call: (call: ProviderCall): Promise<ProviderResult> => {
        if (call.callType === 'messages' || call.callType === 'realtime')
          throw notServed(params.provider, call.callType);
        return callOpenAiWire(target, paths[call.callType], call);
      },
      realtime: (upstreamModel) => ({
        url: `${webSocketBase(apiBase)}/realtime?model=${encodeURIComponent(upstreamModel)}`,
        headers: realtimeHeaders,
      }),
    };
  }
}

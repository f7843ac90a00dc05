import { Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';

import type { BoundDeployment, ProviderAdapter, ProviderCall, ProviderResult } from '../provider.types';
import { notServed } from '../upstream/upstream-errors';
import { callOpenAiWire, type OpenAiWireTarget } from '../upstream/openai-wire-call';
import { UpstreamPools } from '../upstream/upstream-pools';
import { toAnthropicRequest } from './anthropic-request';
import { fromAnthropicMessage } from './anthropic-response';
import { openAiChunks } from './anthropic-stream';

const ANTHROPIC_API_BASE = 'https://api.anthropic.com';
const ANTHROPIC_VERSION = '2023-06-01';

/** `anthropic/<model>`: the Messages API behind OpenAI's chat shape. */
@Injectable()
export class AnthropicAdapter implements ProviderAdapter {
  constructor(private readonly pools: UpstreamPools) {}

  bind(deployment: DeploymentConfig): BoundDeployment {
    const { params } = deployment;
    const apiBase = (params.apiBase ?? ANTHROPIC_API_BASE).replace(/\/+$/, '');
    const url = new URL(apiBase);
    const path = `${url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/messages`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'anthropic-version': ANTHROPIC_VERSION,
    };
    if (params.apiKey) headers['x-api-key'] = params.apiKey;
    Object.assign(headers, params.extraHeaders);
    const target: OpenAiWireTarget = {
      pool: this.pools.get(url.origin),
      headers,
      label: 'AnthropicException',
    };
    return {
      config: deployment,
      apiBase,
      call: async (call: ProviderCall): Promise<ProviderResult> => {
        // Anthropic's own Messages API passes straight through, with the client's beta flags.
        if (call.callType === 'messages') {
          const beta = call.passthroughHeaders?.['anthropic-beta'];
          const own = beta ? { ...target, headers: { ...target.headers, 'anthropic-beta': beta } } : target;
          return callOpenAiWire(own, path, call);
        }
        if (call.callType !== 'chat') throw notServed('anthropic', call.callType);
        const body = toAnthropicRequest(call.body, call.upstreamModel, call.stream, call.dropParams);
        const result = await callOpenAiWire(target, path, { ...call, body });
        if (result.kind === 'stream') return { kind: 'stream', events: openAiChunks(result.events) };
        return { kind: 'json', body: fromAnthropicMessage(result.body) };
      },
    };
  }
}

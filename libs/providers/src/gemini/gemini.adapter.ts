import { Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';

import type { BoundDeployment, ProviderAdapter, ProviderCall, ProviderResult } from '../provider.types';
import { callOpenAiWire, type OpenAiWireTarget } from '../upstream/openai-wire-call';
import { UpstreamPools } from '../upstream/upstream-pools';
import { embeddingTexts, fromGeminiEmbeddings, toGeminiEmbedRequest } from './gemini-embeddings';
import { toGeminiRequest } from './gemini-request';
import { fromGeminiResponse } from './gemini-response';
import { openAiChunks } from './gemini-stream';

const GEMINI_API_BASE = 'https://generativelanguage.googleapis.com';

/** `gemini/<model>`: Google AI Studio's Gemini API behind OpenAI's chat and embeddings shapes. */
@Injectable()
export class GeminiAdapter implements ProviderAdapter {
  constructor(private readonly pools: UpstreamPools) {}

  bind(deployment: DeploymentConfig): BoundDeployment {
    const { params } = deployment;
    const apiBase = (params.apiBase ?? GEMINI_API_BASE).replace(/\/+$/, '');
    const url = new URL(apiBase);
    const modelsPath = `${url.pathname.replace(/\/+$/, '').replace(/\/v1(beta)?$/, '')}/v1beta/models/`;
    // The key goes in a header, never in `?key=`: URLs end up in logs.
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (params.apiKey) headers['x-goog-api-key'] = params.apiKey;
    Object.assign(headers, params.extraHeaders);
    const target: OpenAiWireTarget = { pool: this.pools.get(url.origin), headers, label: 'GeminiException' };
    const safetySettings = params.extra.safety_settings;

    const chat = async (call: ProviderCall, model: string): Promise<ProviderResult> => {
      const body = toGeminiRequest(call.body, model, call.dropParams, safetySettings);
      const path = call.stream
        ? `${modelsPath}${model}:streamGenerateContent?alt=sse`
        : `${modelsPath}${model}:generateContent`;
      const result = await callOpenAiWire(target, path, { ...call, body });
      if (result.kind === 'stream') return { ...result, events: openAiChunks(result.events, model) };
      return { ...result, body: fromGeminiResponse(result.body, model) };
    };

    const embed = async (call: ProviderCall, model: string): Promise<ProviderResult> => {
      const texts = embeddingTexts(call.body.input);
      const body = toGeminiEmbedRequest(texts, call.body, model);
      const path = `${modelsPath}${model}:batchEmbedContents`;
      const result = await callOpenAiWire(target, path, { ...call, body, stream: false });
      if (result.kind !== 'json') throw new Error('embeddings are never streamed');
      return { ...result, body: await fromGeminiEmbeddings(result.body, texts, call.body, model) };
    };

    return {
      config: deployment,
      apiBase,
      call: async (call: ProviderCall): Promise<ProviderResult> => {
        const model = call.upstreamModel.replace(/^models\//, '');
        if (call.callType === 'chat') return chat(call, model);
        if (call.callType === 'embedding') return embed(call, model);
        throw GatewayError.badRequest(
          `gemini/ deployments serve chat completions and embeddings only, not ${call.callType}`,
          'model',
        );
      },
    };
  }
}

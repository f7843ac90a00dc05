import { Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';

import { AnthropicAdapter } from './anthropic/anthropic.adapter';
import { AzureAdapter } from './azure/azure.adapter';
import { BedrockAdapter } from './bedrock/bedrock.adapter';
import { GeminiAdapter } from './gemini/gemini.adapter';
import { MockAdapter } from './mock/mock.adapter';
import { OpenAiAdapter } from './openai/openai.adapter';
import type { BoundDeployment, ProviderAdapter } from './provider.types';

/** Binds deployments to the adapter of their provider prefix. */
@Injectable()
export class ProviderRegistry {
  private readonly adapters: Readonly<
    Record<'anthropic' | 'azure' | 'bedrock' | 'gemini' | 'mock' | 'openai', ProviderAdapter>
  >;

  constructor(
    anthropic: AnthropicAdapter,
    azure: AzureAdapter,
    bedrock: BedrockAdapter,
    gemini: GeminiAdapter,
    mock: MockAdapter,
    openai: OpenAiAdapter,
  ) {
    this.adapters = { anthropic, azure, bedrock, gemini, mock, openai };
  }

  bind(deployment: DeploymentConfig): BoundDeployment {
    const { provider } = deployment.params;
    // The OpenAI-compatible family speaks OpenAI's wire format: the openai adapter serves it.
    const adapter =
      provider in this.adapters
        ? this.adapters[provider as keyof typeof this.adapters]
        : this.adapters.openai;
    return adapter.bind(deployment);
  }
}

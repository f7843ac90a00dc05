import { Injectable } from '@nestjs/common';
import type { DeploymentConfig, ProviderName } from '@switchyard/config';

import { AnthropicAdapter } from './anthropic/anthropic.adapter';
import { AzureAdapter } from './azure/azure.adapter';
import { MockAdapter } from './mock/mock.adapter';
import { OpenAiAdapter } from './openai/openai.adapter';
import type { BoundDeployment, ProviderAdapter } from './provider.types';

/** Binds deployments to the adapter of their provider prefix. */
@Injectable()
export class ProviderRegistry {
  private readonly adapters: Readonly<Record<ProviderName, ProviderAdapter>>;

  constructor(anthropic: AnthropicAdapter, azure: AzureAdapter, mock: MockAdapter, openai: OpenAiAdapter) {
    this.adapters = { anthropic, azure, mock, openai };
  }

  bind(deployment: DeploymentConfig): BoundDeployment {
    return this.adapters[deployment.params.provider].bind(deployment);
  }
}

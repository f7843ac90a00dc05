import { Module } from '@nestjs/common';

import { AnthropicAdapter } from './anthropic/anthropic.adapter';
import { AzureAdapter } from './azure/azure.adapter';
import { BedrockAdapter } from './bedrock/bedrock.adapter';
import { GeminiAdapter } from './gemini/gemini.adapter';
import { MockAdapter } from './mock/mock.adapter';
import { OpenAiAdapter } from './openai/openai.adapter';
import { ProviderRegistry } from './provider-registry';
import { UpstreamPools } from './upstream/upstream-pools';

@Module({
  providers: [
    AnthropicAdapter,
    AzureAdapter,
    BedrockAdapter,
    GeminiAdapter,
    MockAdapter,
    OpenAiAdapter,
    ProviderRegistry,
    UpstreamPools,
  ],
  exports: [ProviderRegistry],
})
export class ProvidersModule {}

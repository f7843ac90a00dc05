export { ProvidersModule } from './providers.module';
/** Binds a configured deployment to its provider adapter. */
export { ProviderRegistry } from './provider-registry';
/** Offline answers for the `mock/` provider and LiteLLM's per-request `mock_response`. */
export { mockAnswer, requestText } from './mock/mock-answers';
export { mockResponseError } from './mock/mock-errors';
export { ClientDisconnect } from './client-disconnect';
/** Anthropic usage (`input_tokens`, cache reads...) in OpenAI's shape. */
export { openAiUsage as openAiUsageOfAnthropic } from './anthropic/anthropic-response';
export { CALL_TYPE_PATHS } from './provider.types';
export type {
  BoundDeployment,
  CallType,
  ProviderCall,
  ProviderResult,
  RealtimeTarget,
} from './provider.types';

/** LiteLLM request fields that steer the gateway and are never sent to a provider. */
const GATEWAY_ONLY_FIELDS = new Set([
  'mock_response',
  'mock_testing_fallbacks',
  'mock_testing_rate_limit_error',
  'mock_timeout',
  'metadata',
  'litellm_metadata',
  'tags',
  'fallbacks',
  'context_window_fallback_dict',
  'num_retries',
  'timeout',
  'stream_timeout',
  'caching',
  'cache',
  'guardrails',
  'drop_params',
  'api_key',
  'api_base',
  'api_version',
]);

/**
 * @hotpath The body sent upstream: the client's fields unchanged except the gateway's own, with
 * the provider's model name, and (OpenAI chat and completion streams) usage requested so spend
 * can be counted.
 */
export function upstreamBody(
  body: Record<string, unknown>,
  upstreamModel: string,
  requestStreamUsage: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in body) {
    if (!GATEWAY_ONLY_FIELDS.has(key)) out[key] = body[key];
  }
  out.model = upstreamModel;
  if (requestStreamUsage) {
    const options = body.stream_options;
    out.stream_options = { ...(options && typeof options === 'object' ? options : {}), include_usage: true };
  }
  return out;
}

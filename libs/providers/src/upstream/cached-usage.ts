/**
 * Token counts of providers that report cache reads apart from the prompt (Anthropic, Bedrock),
 * in OpenAI's usage shape: cache reads count as prompt tokens and as `cached_tokens`.
 */
export function usageWithCacheReads(input: number, cacheRead: number, cacheWrite: number, output: number) {
  return {
    prompt_tokens: input + cacheRead,
    completion_tokens: output,
    total_tokens: input + cacheRead + output,
    prompt_tokens_details: { cached_tokens: cacheRead },
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}

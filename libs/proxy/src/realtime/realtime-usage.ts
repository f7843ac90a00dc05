type Json = Record<string, unknown>;

/**
 * The usage of a realtime `response.done` server event, in OpenAI chat's shape; undefined for
 * every other event. Only frames that can be one are parsed.
 */
export function realtimeResponseUsage(frame: string): { id: string | undefined; usage: Json } | undefined {
  if (!frame.includes('"response.done"')) return undefined;
  let event: Json;
  try {
    event = JSON.parse(frame) as Json;
  } catch {
    return undefined;
  }
  if (event.type !== 'response.done') return undefined;
  const response = event.response as Json | undefined;
  const usage = response?.usage as Json | undefined;
  if (!usage) return undefined;
  const details = usage.input_token_details as Json | undefined;
  return {
    id: typeof response?.id === 'string' ? response.id : undefined,
    usage: {
      prompt_tokens: usage.input_tokens,
      completion_tokens: usage.output_tokens,
      prompt_tokens_details: { cached_tokens: details?.cached_tokens ?? 0 },
    },
  };
}

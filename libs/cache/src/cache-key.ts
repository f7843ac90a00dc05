import { createHash } from 'node:crypto';

/**
 * The request fields that change an answer (LiteLLM's list). Everything else (user, metadata,
 * tags, stream, timeouts, the gateway's own fields) leaves the key unchanged.
 */
const ANSWER_FIELDS = [
  'messages',
  'prompt',
  'input',
  'temperature',
  'top_p',
  'top_k',
  'n',
  'stop',
  'max_tokens',
  'max_completion_tokens',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'response_format',
  'seed',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'functions',
  'function_call',
  'reasoning_effort',
  'suffix',
  'echo',
  'best_of',
  'dimensions',
  'encoding_format',
  'modalities',
  'audio',
  'prediction',
] as const;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, canonical(record[key])]),
    );
  }
  return value;
}

/**
 * SHA-256 over the model group, the call type, the scope (team or key id, or nothing for a
 * global cache) and the answer-changing fields; `<namespace>:` in front when one is set.
 */
export function responseCacheKey(
  callType: string,
  modelGroup: string,
  body: Readonly<Record<string, unknown>>,
  scope: string,
  namespace: string | undefined,
): string {
  const fields: Record<string, unknown> = { model: modelGroup, call_type: callType, scope };
  for (const name of ANSWER_FIELDS) if (body[name] !== undefined) fields[name] = body[name];
  const hash = createHash('sha256')
    .update(JSON.stringify(canonical(fields)))
    .digest('hex');
  return namespace ? `${namespace}:${hash}` : hash;
}

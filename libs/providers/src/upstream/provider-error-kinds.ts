/**
 * The upstream failures LiteLLM's clients tell apart from a plain BadRequest / InternalServerError
 * (its ContextWindowExceededError and ContentPolicyViolationError drive the context-window and
 * content-policy fallbacks; an overloaded upstream is a retryable 503), recognised from each
 * provider's status and error body.
 */
export type ProviderErrorKind = 'context_window_exceeded' | 'content_policy_violation' | 'overloaded';

/** What an upstream error says, read from its status, body and (Bedrock) exception type. */
export interface UpstreamErrorFacts {
  /** Provider name in messages (`OpenAIException`, `BedrockException`...). */
  readonly label: string;
  readonly status: number;
  readonly message: string;
  /** `error.type` (OpenAI, Anthropic, llama.cpp). */
  readonly type?: string;
  /** `error.code` when a string (OpenAI, Azure), else Gemini's `error.status` (`UNAVAILABLE`...). */
  readonly code?: string;
  /** Azure's `error.innererror.code` (`ResponsibleAIPolicyViolation`). */
  readonly innerCode?: string;
  /** Bedrock's `x-amzn-errortype` / `:exception-type` (`ValidationException`, `serviceUnavailableException`). */
  readonly exception?: string;
}

const BEDROCK_LABEL = 'BedrockException';

/** Codes and types that name the condition outright. */
const CONTEXT_CODES = new Set([
  'context_length_exceeded',
  'string_above_max_length',
  'exceed_context_size_error',
]);
const POLICY_CODES = new Set(['content_filter', 'content_policy_violation', 'responsibleaipolicyviolation']);

/**
 * Phrasings of "the input does not fit the model", whoever hosts it:
 * OpenAI, Azure, vLLM, DeepSeek, Groq, Mistral ("This model's maximum context length is 8192 tokens...
 * Please reduce the length of the messages"), OpenAI Responses ("Your input exceeds the context window",
 * "Input tokens exceed the configured limit"), Ollama ("the input length exceeds the context length"),
 * llama.cpp ("the request exceeds the available context size"), LM Studio ("context length of only"),
 * TGI ("`inputs` tokens + `max_new_tokens` must be <= 4096"), Anthropic ("prompt is too long: 208310
 * tokens > 200000 maximum", "input length and `max_tokens` exceed context limit"), Gemini/Vertex ("The input
 * token count (1196265) exceeds the maximum number of tokens allowed (1048576)"), Bedrock ("Input is too long
 * for requested model.", "too many input tokens", Nova "Number of input tokens exceeds maximum length").
 */
const CONTEXT_PHRASES: readonly RegExp[] = [
  /maximum context length/i,
  /context[ _-]?(length|window|size|limit)/i,
  /prompt is too long/i,
  /input is too long/i,
  /too many (input )?tokens/i,
  /input token count/i,
  /input tokens exceed/i,
  /\b(input|prompt)\b[^.]{0,60}exceeds?( the)? maximum/i,
  /exceeds?( the)? maximum (number of tokens|context|input|prompt)/i,
  /please reduce the length of the (messages|prompt|input)/i,
  /string too long\. expected a string with maximum length/i,
  /`?inputs`? tokens \+ `?max_new_tokens`? must be/i,
];

/** Bedrock's validation messages (whichever vendor model answers) say it more loosely. */
const BEDROCK_CONTEXT_PHRASES: readonly RegExp[] = [/too long/i, /expected maxLength:/i];

/**
 * Azure ("...triggering Azure OpenAI's content management policy"), OpenAI images ("Your request was
 * rejected as a result of our safety system"), o-series ("your prompt was flagged as potentially violating
 * our usage policy"), Anthropic ("Output blocked by content filtering policy"), Bedrock ("This request has
 * been blocked by our content filters.", a guardrail that blocked or intervened).
 */
const POLICY_PHRASES: readonly RegExp[] = [
  /content management policy/i,
  /as a result of (our|the) safety system/i,
  /violating our usage polic/i,
  /content filtering policy/i,
  /blocked by (our |the )?content filters?/i,
  /guardrail[^.]{0,80}\b(blocked|intervened)\b/i,
  /\b(blocked|intervened)\b[^.]{0,80}guardrail/i,
];

const BEDROCK_POLICY_PHRASES: readonly RegExp[] = [/content filter/i];

/** A 503 that says the upstream is busy (Gemini `UNAVAILABLE` "The model is overloaded", OpenAI "overloaded"). */
const BUSY_PHRASES = /overload|unavailable|try again later|capacity/i;

/** Statuses that keep their own meaning whatever the message says. */
const OWN_MEANING = new Set([401, 403, 404, 408, 429]);

function matchesAny(phrases: readonly RegExp[], text: string): boolean {
  return phrases.some((phrase) => phrase.test(text));
}

/** May a client error with this status be a context-window or content-policy error? (Ollama answers 500.) */
function requestProblemStatus(status: number): boolean {
  return (status >= 400 && status < 500 && !OWN_MEANING.has(status)) || status === 500;
}

function isOverloaded(facts: UpstreamErrorFacts, exception: string): boolean {
  if (facts.status === 529) return true;
  if (facts.status < 500) return false;
  if (facts.type === 'overloaded_error' || exception === 'serviceunavailableexception') return true;
  return (
    facts.status === 503 &&
    (facts.code === 'UNAVAILABLE' || (facts.message.length > 0 && BUSY_PHRASES.test(facts.message)))
  );
}

/** Which of the conditions LiteLLM names an upstream error is, if any. */
export function providerErrorKind(facts: UpstreamErrorFacts): ProviderErrorKind | undefined {
  const exception = facts.exception?.toLowerCase() ?? '';
  if (isOverloaded(facts, exception)) return 'overloaded';
  if (!requestProblemStatus(facts.status)) return undefined;
  if (exception && exception !== 'validationexception') return undefined;

  const code = facts.code?.toLowerCase();
  const type = facts.type?.toLowerCase();
  if ((code && CONTEXT_CODES.has(code)) || (type && CONTEXT_CODES.has(type))) {
    return 'context_window_exceeded';
  }
  const innerCode = facts.innerCode?.toLowerCase();
  if ((code && POLICY_CODES.has(code)) || (innerCode && POLICY_CODES.has(innerCode))) {
    return 'content_policy_violation';
  }

  const bedrock = facts.label === BEDROCK_LABEL;
  const { message } = facts;
  if (matchesAny(CONTEXT_PHRASES, message) || (bedrock && matchesAny(BEDROCK_CONTEXT_PHRASES, message))) {
    return 'context_window_exceeded';
  }
  if (matchesAny(POLICY_PHRASES, message) || (bedrock && matchesAny(BEDROCK_POLICY_PHRASES, message))) {
    return 'content_policy_violation';
  }
  return undefined;
}

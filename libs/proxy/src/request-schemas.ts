/** Fastify JSON schemas for the proxy routes, compiled once by Fastify at start-up. */

const model = { type: 'string', minLength: 1 } as const;
const stream = { type: 'boolean' } as const;
const streamOptions = { type: ['object', 'null'] } as const;

const messages = {
  type: 'array',
  minItems: 1,
  items: { type: 'object', required: ['role'], properties: { role: { type: 'string' } } },
} as const;

function bodySchema(required: readonly string[], properties: Record<string, object>): object {
  return { type: 'object', required, properties };
}

export const REQUEST_SCHEMAS = {
  chat: bodySchema(['model', 'messages'], { model, messages, stream, stream_options: streamOptions }),
  completion: bodySchema(['model', 'prompt'], { model, stream, stream_options: streamOptions }),
  embedding: bodySchema(['model', 'input'], { model }),
  moderation: bodySchema(['input'], { model }),
} as const;

/** Azure-style paths carry the model in the URL, so the body need not name it. */
export const PATH_MODEL_SCHEMAS = {
  chat: bodySchema(['messages'], { model, messages, stream, stream_options: streamOptions }),
  completion: bodySchema(['prompt'], { model, stream, stream_options: streamOptions }),
  embedding: bodySchema(['input'], { model }),
} as const;

/** OpenAI's Responses API: `input` is a string or a list of items. */
export const RESPONSES_SCHEMA = bodySchema(['model', 'input'], {
  model,
  input: { anyOf: [{ type: 'string' }, { type: 'array' }] },
  stream,
});

/** Anthropic's Messages API (`/v1/messages`); the content blocks are checked when translated. */
export const MESSAGES_SCHEMA = bodySchema(['model', 'messages', 'max_tokens'], {
  model,
  messages: {
    type: 'array',
    minItems: 1,
    items: { type: 'object', required: ['role', 'content'], properties: { role: { type: 'string' } } },
  },
  max_tokens: { type: 'integer', minimum: 1 },
  stream,
});

export const COUNT_TOKENS_SCHEMA = bodySchema(['model', 'messages'], {
  model,
  messages: { type: 'array', items: { type: 'object', required: ['role', 'content'] } },
});

import { createHash, randomBytes } from 'node:crypto';

import { GatewayError } from '@switchyard/kernel';

import type { CallType, ProviderResult } from '../provider.types';

const CREATED_AT = () => Math.floor(Date.now() / 1000);
const EMBEDDING_DIMENSIONS = 1536;

function newId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString('hex')}`;
}

/** A rough token count (4 characters a token): the mock needs plausible usage, not exact. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
      .join(' ');
  }
  return '';
}

/** The text a request carries: chat messages, a completion prompt or embedding/moderation input. */
export function requestText(body: Record<string, unknown>): string {
  const messages = body.messages;
  if (Array.isArray(messages)) {
    return messages.map((m) => textOf((m as { content?: unknown } | null)?.content)).join('\n');
  }
  const input = body.prompt ?? body.input;
  if (Array.isArray(input)) return input.map((item) => (typeof item === 'string' ? item : '')).join('\n');
  return typeof input === 'string' ? input : '';
}

function lastUserText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as { role?: unknown; content?: unknown } | null;
    if (message?.role === 'user') return textOf(message.content);
  }
  return typeof body.prompt === 'string' ? body.prompt : '';
}

/** What the offline `mock/` provider answers when no `mock_response` is given. */
export function defaultMockContent(model: string, body: Record<string, unknown>): string {
  const said = lastUserText(body).trim().slice(0, 200);
  return `Hello from Switchyard's offline mock model ${model}.${said ? ` You said: ${said}` : ''}`;
}

function usage(promptText: string, completion: string) {
  const prompt_tokens = estimateTokens(promptText);
  const completion_tokens = completion ? estimateTokens(completion) : 0;
  return {
    prompt_tokens,
    completion_tokens,
    total_tokens: prompt_tokens + completion_tokens,
    prompt_tokens_details: { cached_tokens: 0 },
  };
}

function words(content: string): string[] {
  return content.match(/\S+\s*|\s+/g) ?? [content];
}

async function* chatStream(
  model: string,
  content: string,
  promptText: string,
  includeUsage: boolean,
): AsyncGenerator<string> {
  const id = newId('chatcmpl');
  const created = CREATED_AT();
  const chunk = (delta: object, finish: string | null) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });
  yield chunk({ role: 'assistant', content: '' }, null);
  for (const piece of words(content)) yield chunk({ content: piece }, null);
  yield chunk({}, 'stop');
  if (includeUsage) {
    yield JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [],
      usage: usage(promptText, content),
    });
  }
  yield '[DONE]';
}

async function* completionStream(
  model: string,
  content: string,
  promptText: string,
  includeUsage: boolean,
): AsyncGenerator<string> {
  const id = newId('cmpl');
  const created = CREATED_AT();
  const chunk = (text: string, finish: string | null) =>
    JSON.stringify({
      id,
      object: 'text_completion',
      created,
      model,
      choices: [{ index: 0, text, logprobs: null, finish_reason: finish }],
    });
  for (const piece of words(content)) yield chunk(piece, null);
  yield chunk('', 'stop');
  if (includeUsage) {
    yield JSON.stringify({
      id,
      object: 'text_completion',
      created,
      model,
      choices: [],
      usage: usage(promptText, content),
    });
  }
  yield '[DONE]';
}

function embeddingVector(text: string, dimensions: number): number[] {
  const vector: number[] = [];
  let seed = createHash('sha256').update(text).digest();
  while (vector.length < dimensions) {
    for (let i = 0; i + 4 <= seed.length && vector.length < dimensions; i += 4) {
      vector.push(seed.readInt32LE(i) / 2 ** 31);
    }
    seed = createHash('sha256').update(seed).digest();
  }
  return vector;
}

function embeddingData(body: Record<string, unknown>): object[] {
  const input = body.input;
  const items: unknown[] = Array.isArray(input) ? input : [input];
  const dimensions =
    typeof body.dimensions === 'number' && body.dimensions > 0 ? body.dimensions : EMBEDDING_DIMENSIONS;
  const base64 = body.encoding_format === 'base64';
  return items.map((item, index) => {
    const vector = embeddingVector(typeof item === 'string' ? item : JSON.stringify(item), dimensions);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
}

/**
 * A complete offline answer in OpenAI's shape: what the `mock/` provider and the per-request
 * `mock_response` parameter return.
 */
export function mockAnswer(
  callType: CallType,
  model: string,
  body: Record<string, unknown>,
  content: string,
  stream: boolean,
): ProviderResult {
  const promptText = requestText(body);
  const includeUsage =
    (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  switch (callType) {
    case 'chat':
      if (stream) return { kind: 'stream', events: chatStream(model, content, promptText, includeUsage) };
      return {
        kind: 'json',
        body: {
          id: newId('chatcmpl'),
          object: 'chat.completion',
          created: CREATED_AT(),
          model,
          system_fingerprint: null,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content, refusal: null },
              logprobs: null,
              finish_reason: 'stop',
            },
          ],
          usage: usage(promptText, content),
        },
      };
    case 'completion':
      if (stream)
        return { kind: 'stream', events: completionStream(model, content, promptText, includeUsage) };
      return {
        kind: 'json',
        body: {
          id: newId('cmpl'),
          object: 'text_completion',
          created: CREATED_AT(),
          model,
          choices: [{ index: 0, text: content, logprobs: null, finish_reason: 'stop' }],
          usage: usage(promptText, content),
        },
      };
    case 'embedding':
      return {
        kind: 'json',
        body: {
          object: 'list',
          data: embeddingData(body),
          model,
          usage: { prompt_tokens: estimateTokens(promptText), total_tokens: estimateTokens(promptText) },
        },
      };
    case 'moderation': {
      const input = body.input;
      const count = Array.isArray(input) ? input.length : 1;
      const categories = {
        harassment: false,
        hate: false,
        'self-harm': false,
        sexual: false,
        violence: false,
      };
      const scores = { harassment: 0, hate: 0, 'self-harm': 0, sexual: 0, violence: 0 };
      return {
        kind: 'json',
        body: {
          id: newId('modr'),
          model,
          results: Array.from({ length: count }, () => ({
            flagged: false,
            categories,
            category_scores: scores,
          })),
        },
      };
    }
    case 'messages':
    case 'responses':
    case 'realtime':
      throw GatewayError.badRequest(`mock/ deployments do not serve ${callType} requests`, 'model');
  }
}

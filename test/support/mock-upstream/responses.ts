import { nextId, unixSeconds } from './ids';
import { asArray, asObject, asString, type JsonObject } from './json-fields';
import { countTokens, replyFor, wordDeltas } from './text';

/** The text of a Responses API `input`: a string, or the last user message's text. */
function inputText(input: unknown): string {
  const text = asString(input);
  if (text !== undefined) return text;
  const items = asArray(input) ?? [];
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = asObject(items[i]);
    if (asString(item?.['role']) !== 'user') continue;
    const content = item?.['content'];
    if (typeof content === 'string') return content;
    return (asArray(content) ?? []).map((part) => asString(asObject(part)?.['text']) ?? '').join(' ');
  }
  return '';
}

/** A Responses API answer: the response object, and its stream as SSE `event:`/`data:` frames. */
export function planResponse(body: JsonObject, model: string) {
  const prompt = inputText(body['input']);
  const text = replyFor(prompt);
  const id = nextId('resp_');
  const messageId = nextId('msg_');
  const inputTokens = 3 + countTokens(prompt);
  const outputTokens = countTokens(text);
  const message = {
    id: messageId,
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
  const response = (status: string, done: boolean): JsonObject => ({
    id,
    object: 'response',
    created_at: unixSeconds(),
    status,
    model,
    output: done ? [message] : [],
    usage: done
      ? {
          input_tokens: inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: outputTokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: inputTokens + outputTokens,
        }
      : null,
  });
  let sequence = 0;
  const event = (payload: JsonObject): string =>
    `event: ${String(payload['type'])}\ndata: ${JSON.stringify({ ...payload, sequence_number: sequence++ })}\n\n`;
  const events = [
    event({ type: 'response.created', response: response('in_progress', false) }),
    event({
      type: 'response.output_item.added',
      output_index: 0,
      item: { ...message, status: 'in_progress', content: [] },
    }),
    ...wordDeltas(text).map((delta) =>
      event({
        type: 'response.output_text.delta',
        item_id: messageId,
        output_index: 0,
        content_index: 0,
        delta,
      }),
    ),
    event({ type: 'response.output_text.done', item_id: messageId, output_index: 0, content_index: 0, text }),
    event({ type: 'response.completed', response: response('completed', true) }),
  ];
  return { body: response('completed', true), events };
}

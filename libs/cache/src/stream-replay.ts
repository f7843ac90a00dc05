type Json = Record<string, unknown>;

/**
 * @hotpath A cached chat or text completion, replayed as the stream of OpenAI chunks (the JSON
 * `data` payloads, usage last, then `[DONE]`) a streaming request expects.
 */
export async function* replayAsChunks(body: Json, callType: 'chat' | 'completion'): AsyncGenerator<string> {
  const base = {
    id: body.id,
    object: callType === 'chat' ? 'chat.completion.chunk' : 'text_completion',
    created: body.created,
    model: body.model,
  };
  const choices = Array.isArray(body.choices) ? (body.choices as Json[]) : [];
  for (const choice of choices) {
    const index = choice.index ?? 0;
    if (callType === 'completion') {
      yield JSON.stringify({ ...base, choices: [{ index, text: choice.text ?? '', finish_reason: null }] });
    } else {
      const message = (choice.message ?? {}) as Json;
      yield JSON.stringify({
        ...base,
        choices: [{ index, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      });
      const delta: Json = {};
      if (typeof message.content === 'string' && message.content) delta.content = message.content;
      if (Array.isArray(message.tool_calls)) {
        delta.tool_calls = (message.tool_calls as Json[]).map((call, callIndex) => ({
          index: callIndex,
          ...call,
        }));
      }
      if (Object.keys(delta).length > 0)
        yield JSON.stringify({ ...base, choices: [{ index, delta, finish_reason: null }] });
    }
    const finish = callType === 'chat' ? { delta: {} } : { text: '' };
    yield JSON.stringify({
      ...base,
      choices: [{ index, ...finish, finish_reason: choice.finish_reason ?? 'stop' }],
    });
  }
  if (body.usage) yield JSON.stringify({ ...base, choices: [], usage: body.usage });
  yield '[DONE]';
}

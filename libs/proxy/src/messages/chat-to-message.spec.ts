import type { Message, StopReason } from '@anthropic-ai/sdk/resources/messages/messages';
import { describe, expect, it } from 'vitest';

import { anthropicUsageFromChat, messageFromChat } from './chat-to-message';

function completion(message: object, finishReason: string | null, usage?: object): Record<string, unknown> {
  return {
    id: 'chatcmpl-Bx9',
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'gpt-4o-2024-08-06',
    choices: [
      { index: 0, message: { role: 'assistant', ...message }, logprobs: null, finish_reason: finishReason },
    ],
    usage,
  };
}

type MessageFields = Pick<Message, 'type' | 'role' | 'model' | 'stop_reason' | 'stop_sequence'>;

describe('OpenAI chat.completion → Anthropic Message', () => {
  it('turns reasoning, text and parallel tool calls into blocks with cache-aware usage', () => {
    const message = messageFromChat(
      completion(
        {
          content: 'Checking both cities.',
          reasoning_content: 'Two lookups are needed.',
          tool_calls: [
            { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_b', type: 'function', function: { name: 'weather', arguments: '{"city":' } },
          ],
        },
        'tool_calls',
        {
          prompt_tokens: 120,
          completion_tokens: 40,
          total_tokens: 160,
          prompt_tokens_details: { cached_tokens: 100 },
        },
      ),
      'claude-sonnet-4-5',
    );
    const fields: MessageFields = {
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      stop_reason: 'tool_use',
      stop_sequence: null,
    };
    expect(message).toEqual({
      id: 'msg_chatcmpl-Bx9',
      ...fields,
      content: [
        { type: 'thinking', thinking: 'Two lookups are needed.', signature: '' },
        { type: 'text', text: 'Checking both cities.' },
        { type: 'tool_use', id: 'call_a', name: 'weather', input: { city: 'Paris' } },
        // Arguments cut short are not a JSON object: the input is empty rather than a failure.
        { type: 'tool_use', id: 'call_b', name: 'weather', input: {} },
      ],
      usage: {
        input_tokens: 20,
        output_tokens: 40,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 100,
      },
    });
  });

  it('maps every finish_reason to a stop_reason', () => {
    const stop = (finish: string | null, message: object = { content: 'x' }) =>
      messageFromChat(completion(message, finish), 'm').stop_reason as StopReason;
    expect(stop('stop')).toBe('end_turn');
    expect(stop('length')).toBe('max_tokens');
    expect(stop('tool_calls')).toBe('tool_use');
    expect(stop('function_call')).toBe('tool_use');
    expect(stop('content_filter')).toBe('refusal');
    expect(stop(null)).toBe('end_turn');
    // Ollama finishes tool calls with `stop`; Anthropic clients only run tools on `tool_use`.
    const call = { id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } };
    expect(stop('stop', { content: null, tool_calls: [call] })).toBe('tool_use');
  });

  it('keeps a msg_ id, drops empty text and reads the legacy function_call', () => {
    const message = messageFromChat(
      {
        ...completion({ content: '', function_call: { name: 'f', arguments: '{"a":1}' } }, 'function_call'),
        id: 'msg_01XYZ',
      },
      'm',
    );
    expect(message.id).toBe('msg_01XYZ');
    expect(message.content).toEqual([
      { type: 'tool_use', id: expect.stringMatching(/^toolu_/) as unknown, name: 'f', input: { a: 1 } },
    ]);
    expect(message.usage).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  it("reads the gateway's own cache fields when prompt_tokens_details is absent", () => {
    expect(
      anthropicUsageFromChat({
        prompt_tokens: 100,
        completion_tokens: 7,
        cache_read_input_tokens: 90,
        cache_creation_input_tokens: 5,
      }),
    ).toEqual({
      input_tokens: 10,
      output_tokens: 7,
      cache_creation_input_tokens: 5,
      cache_read_input_tokens: 90,
    });
  });
});

import { describe, expect, it } from 'vitest';

import { finishReason, fromConverseResponse } from './bedrock-response';

const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('Bedrock Converse → OpenAI', () => {
  it('turns a text answer into a chat.completion with cache-aware usage', () => {
    const completion = fromConverseResponse(
      {
        output: { message: { role: 'assistant', content: [{ text: 'Hello from Bedrock' }] } },
        stopReason: 'end_turn',
        usage: {
          inputTokens: 11,
          outputTokens: 7,
          totalTokens: 22,
          cacheReadInputTokens: 4,
          cacheWriteInputTokens: 0,
        },
        metrics: { latencyMs: 412 },
      },
      MODEL,
    );
    expect(completion).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      model: MODEL,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello from Bedrock' },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 15,
        completion_tokens: 7,
        total_tokens: 22,
        prompt_tokens_details: { cached_tokens: 4 },
      },
    });
  });

  it('turns toolUse blocks into tool calls and reasoning into reasoning_content', () => {
    const completion = fromConverseResponse(
      {
        output: {
          message: {
            role: 'assistant',
            content: [
              { reasoningContent: { reasoningText: { text: 'The user wants weather.', signature: 'EqoB' } } },
              { text: 'Checking.' },
              {
                toolUse: {
                  toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
                  name: 'get_weather',
                  input: { location: 'Paris' },
                },
              },
            ],
          },
        },
        stopReason: 'tool_use',
        usage: { inputTokens: 11, outputTokens: 7, totalTokens: 18 },
      },
      MODEL,
    );
    const choice = (completion.choices as Array<Record<string, unknown>>)[0];
    expect(choice).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: 'Checking.',
        reasoning_content: 'The user wants weather.',
        thinking_blocks: [{ type: 'thinking', thinking: 'The user wants weather.', signature: 'EqoB' }],
        tool_calls: [
          {
            id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
          },
        ],
      },
    });
  });

  it('returns the JSON tool input as the content in JSON mode', () => {
    const completion = fromConverseResponse(
      {
        output: {
          message: {
            role: 'assistant',
            content: [{ toolUse: { toolUseId: 't', name: 'json_tool_call', input: { city: 'Paris' } } }],
          },
        },
        stopReason: 'tool_use',
        usage: { inputTokens: 1, outputTokens: 1 },
      },
      MODEL,
      true,
    );
    expect((completion.choices as Array<Record<string, unknown>>)[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: '{"city":"Paris"}' },
    });
  });

  it('maps stop reasons as LiteLLM does', () => {
    expect(finishReason('end_turn')).toBe('stop');
    expect(finishReason('stop_sequence')).toBe('stop');
    expect(finishReason('max_tokens')).toBe('length');
    expect(finishReason('tool_use')).toBe('tool_calls');
    expect(finishReason('guardrail_intervened')).toBe('content_filter');
    expect(finishReason('content_filtered')).toBe('content_filter');
    expect(finishReason('something_new')).toBe('stop');
  });
});

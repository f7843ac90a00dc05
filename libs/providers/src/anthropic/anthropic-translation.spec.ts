import { describe, expect, it } from 'vitest';

import { DEFAULT_MAX_TOKENS, toAnthropicRequest } from './anthropic-request';
import { finishReason, fromAnthropicMessage } from './anthropic-response';
import { openAiChunks } from './anthropic-stream';

async function* from(...events: object[]): AsyncGenerator<string> {
  for (const event of events) yield JSON.stringify(event);
}

async function collect(source: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('OpenAI chat → Anthropic Messages', () => {
  it('moves system messages out, merges roles, turns tool calls and results into blocks', () => {
    const request = toAnthropicRequest(
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Weather?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            ],
          },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'weather', arguments: '{"city":"Paris"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
          { role: 'user', content: 'Thanks' },
        ],
        tools: [
          {
            type: 'function',
            function: { name: 'weather', description: 'd', parameters: { type: 'object' } },
          },
        ],
        tool_choice: 'required',
        stop: 'END',
        temperature: 0.3,
        user: 'u-1',
      },
      'claude-sonnet-4-5',
      false,
    );
    expect(request).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: DEFAULT_MAX_TOKENS,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } }],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: 'sunny' },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ],
      temperature: 0.3,
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
      tools: [{ name: 'weather', description: 'd', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
    });
  });

  it('maps named tool choice, parallel_tool_calls, reasoning_effort and max_completion_tokens', () => {
    const request = toAnthropicRequest(
      {
        messages: [{ role: 'user', content: 'x' }],
        tool_choice: { type: 'function', function: { name: 'f' } },
        parallel_tool_calls: false,
        reasoning_effort: 'medium',
        max_completion_tokens: 100,
      },
      'm',
      true,
    );
    expect(request).toMatchObject({
      stream: true,
      max_tokens: 100,
      tool_choice: { type: 'tool', name: 'f', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
  });
});

describe('Anthropic → OpenAI', () => {
  it('turns a message into a chat.completion with tool calls, reasoning and cache-aware usage', () => {
    const completion = fromAnthropicMessage({
      id: 'msg_1',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'thinking', thinking: 'Let me think', signature: 'sig' },
        { type: 'text', text: 'Calling a tool.' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      usage: {
        input_tokens: 10,
        cache_read_input_tokens: 90,
        cache_creation_input_tokens: 5,
        output_tokens: 20,
      },
    });
    expect(completion).toMatchObject({
      id: 'msg_1',
      object: 'chat.completion',
      choices: [
        {
          message: {
            role: 'assistant',
            content: 'Calling a tool.',
            reasoning_content: 'Let me think',
            tool_calls: [
              {
                id: 'toolu_1',
                type: 'function',
                function: { name: 'weather', arguments: '{"city":"Paris"}' },
              },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 100,
        completion_tokens: 20,
        total_tokens: 120,
        prompt_tokens_details: { cached_tokens: 90 },
      },
    });
  });

  it('maps stop reasons as LiteLLM does', () => {
    expect(
      ['end_turn', 'stop_sequence', 'max_tokens', 'tool_use', 'refusal', 'pause_turn', 'whatever'].map(
        finishReason,
      ),
    ).toEqual(['stop', 'stop', 'length', 'tool_calls', 'content_filter', 'stop', 'stop']);
  });

  it('turns stream events into chunks, streaming tool arguments incrementally, usage last', async () => {
    const chunks = await collect(
      openAiChunks(
        from(
          {
            type: 'message_start',
            message: { id: 'msg_2', model: 'claude', usage: { input_tokens: 12, output_tokens: 1 } },
          },
          { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
          { type: 'ping' },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
          { type: 'content_block_stop', index: 0 },
          {
            type: 'content_block_start',
            index: 1,
            content_block: { type: 'tool_use', id: 'toolu_9', name: 'weather', input: {} },
          },
          {
            type: 'content_block_delta',
            index: 1,
            delta: { type: 'input_json_delta', partial_json: '{"city":' },
          },
          {
            type: 'content_block_delta',
            index: 1,
            delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
          },
          { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 30 } },
          { type: 'message_stop' },
        ),
      ),
    );
    const parsed = chunks.slice(0, -1).map(
      (c) =>
        JSON.parse(c) as {
          choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>;
          usage?: Record<string, unknown>;
        },
    );
    expect(chunks.at(-1)).toBe('[DONE]');
    expect(parsed.map((c) => c.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hello' },
      {
        tool_calls: [
          { index: 0, id: 'toolu_9', type: 'function', function: { name: 'weather', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
      {},
      undefined,
    ]);
    expect(parsed[5]?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(parsed[6]?.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 30 });
  });

  it('raises an error event mid-stream, overloaded as 503', async () => {
    const stream = openAiChunks(
      from(
        { type: 'message_start', message: { id: 'm', model: 'c', usage: {} } },
        { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      ),
    );
    await expect(collect(stream)).rejects.toMatchObject({
      status: 503,
      message: expect.stringContaining('Overloaded'),
    });
  });
});

describe('parameters Anthropic cannot take', () => {
  it('are refused with 400 naming them, unless drop_params', () => {
    const body = { messages: [{ role: 'user', content: 'x' }], seed: 7, presence_penalty: 0.5 };
    expect(() => toAnthropicRequest(body, 'claude', false)).toThrow(
      /anthropic does not support parameters: \['presence_penalty', 'seed'\], for model=claude/,
    );
    try {
      toAnthropicRequest(body, 'claude', false);
    } catch (error) {
      expect(error).toMatchObject({ status: 400, param: 'presence_penalty' });
    }
    const dropped = toAnthropicRequest(body, 'claude', false, true);
    expect(dropped).not.toHaveProperty('seed');
    expect(dropped).not.toHaveProperty('presence_penalty');
  });
});

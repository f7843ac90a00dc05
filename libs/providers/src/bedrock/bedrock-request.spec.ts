import { describe, expect, it } from 'vitest';

import { toConverseRequest } from './bedrock-request';

const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather of a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } } },
  },
};

describe('OpenAI chat → Bedrock Converse', () => {
  it('moves system prompts out, merges roles, inlines images and round-trips tool calls and results', () => {
    const { request, jsonMode } = toConverseRequest(
      {
        model: MODEL,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Weather here?' },
              { type: 'image_url', image_url: { url: 'data:image/jpg;base64,/9j/4AAQ' } },
            ],
          },
          { role: 'user', content: 'In Paris.' },
          {
            role: 'assistant',
            content: 'Let me check.',
            tool_calls: [
              {
                id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', content: '18°C, sunny' },
          { role: 'user', content: 'Thanks' },
        ],
        tools: [weatherTool],
        stream: true,
        stream_options: { include_usage: true },
      },
      MODEL,
    );
    expect(jsonMode).toBe(false);
    expect(request).toEqual({
      system: [{ text: 'Be brief.' }, { text: 'Use metric units.' }],
      messages: [
        {
          role: 'user',
          content: [
            { text: 'Weather here?' },
            { image: { format: 'jpeg', source: { bytes: '/9j/4AAQ' } } },
            { text: 'In Paris.' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { text: 'Let me check.' },
            {
              toolUse: {
                toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
                name: 'get_weather',
                input: { location: 'Paris' },
              },
            },
          ],
        },
        {
          role: 'user',
          content: [
            {
              toolResult: {
                toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q',
                content: [{ text: '18°C, sunny' }],
              },
            },
            { text: 'Thanks' },
          ],
        },
      ],
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'get_weather',
              description: 'Weather of a city',
              inputSchema: {
                json: { type: 'object', properties: { location: { type: 'string' } } },
              },
            },
          },
        ],
      },
    });
  });

  it('maps tool_choice auto, required and a named tool, and drops the tools for none', () => {
    const base = { messages: [{ role: 'user', content: 'x' }], tools: [weatherTool] };
    const choice = (tool_choice: unknown) =>
      (toConverseRequest({ ...base, tool_choice }, MODEL).request.toolConfig as { toolChoice?: unknown })
        ?.toolChoice;
    expect(choice('auto')).toEqual({ auto: {} });
    expect(choice('required')).toEqual({ any: {} });
    expect(choice({ type: 'function', function: { name: 'get_weather' } })).toEqual({
      tool: { name: 'get_weather' },
    });
    expect(toConverseRequest({ ...base, tool_choice: 'none' }, MODEL).request).not.toHaveProperty(
      'toolConfig',
    );
  });

  it('maps inference settings, reasoning_effort and top_k', () => {
    const { request } = toConverseRequest(
      {
        messages: [{ role: 'user', content: 'x' }],
        max_completion_tokens: 2000,
        temperature: 0.2,
        top_p: 0.9,
        stop: 'END',
        reasoning_effort: 'high',
        top_k: 40,
        user: 'u-1',
      },
      MODEL,
    );
    expect(request).toEqual({
      messages: [{ role: 'user', content: [{ text: 'x' }] }],
      inferenceConfig: { maxTokens: 2000, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
      additionalModelRequestFields: { top_k: 40, thinking: { type: 'enabled', budget_tokens: 4096 } },
    });
    const low = toConverseRequest(
      {
        messages: [{ role: 'user', content: 'x' }],
        max_tokens: 5,
        reasoning_effort: 'low',
        stop: ['a', 'b'],
      },
      MODEL,
    ).request;
    expect(low).toMatchObject({
      inferenceConfig: { maxTokens: 5, stopSequences: ['a', 'b'] },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    });
  });

  it('asks for JSON through a forced tool when response_format wants JSON', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    const { request, jsonMode } = toConverseRequest(
      {
        messages: [{ role: 'user', content: 'x' }],
        response_format: { type: 'json_schema', json_schema: { name: 'city', schema } },
      },
      MODEL,
    );
    expect(jsonMode).toBe(true);
    expect(request.toolConfig).toEqual({
      tools: [{ toolSpec: { name: 'json_tool_call', inputSchema: { json: schema } } }],
      toolChoice: { tool: { name: 'json_tool_call' } },
    });
  });

  it('refuses parameters Bedrock cannot take, naming them, unless they are dropped', () => {
    const body = { messages: [{ role: 'user', content: 'x' }], seed: 1, frequency_penalty: 0.5, n: 2 };
    expect(() => toConverseRequest(body, MODEL)).toThrow(
      expect.objectContaining({
        status: 400,
        message: expect.stringContaining(
          "litellm.UnsupportedParamsError: bedrock does not support parameters: ['frequency_penalty', 'seed', 'n'], for model=us.anthropic",
        ),
      }),
    );
    const { request } = toConverseRequest(body, MODEL, true);
    expect(request).toEqual({ messages: [{ role: 'user', content: [{ text: 'x' }] }] });
  });

  it('refuses image URLs it would have to download, and unknown image formats', () => {
    const withImage = (url: string) => ({
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }],
    });
    expect(() => toConverseRequest(withImage('https://example.com/cat.png'), MODEL)).toThrow(
      expect.objectContaining({ status: 400, message: expect.stringContaining('does not download') }),
    );
    expect(() => toConverseRequest(withImage('data:image/tiff;base64,AAAA'), MODEL)).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });

  it('sends earlier thinking blocks back with their signatures', () => {
    const { request } = toConverseRequest(
      {
        messages: [
          { role: 'user', content: 'x' },
          {
            role: 'assistant',
            content: 'y',
            thinking_blocks: [{ type: 'thinking', thinking: 'hmm', signature: 'sig==' }],
          },
        ],
      },
      MODEL,
    );
    expect((request.messages as Array<{ content: unknown }>)[1]?.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'hmm', signature: 'sig==' } } },
      { text: 'y' },
    ]);
  });
});

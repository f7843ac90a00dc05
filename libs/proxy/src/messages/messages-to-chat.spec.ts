import type { MessageCreateParams } from '@anthropic-ai/sdk/resources/messages/messages';
import { GatewayError } from '@switchyard/kernel';
import { describe, expect, it } from 'vitest';

import { chatRequestFromMessages } from './messages-to-chat';

const ephemeral = { type: 'ephemeral' } as const;

function claudeCodeRequest(): MessageCreateParams {
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 32000,
    stream: true,
    system: [
      {
        type: 'text',
        text: "You are Claude Code, Anthropic's official CLI for Claude.",
        cache_control: ephemeral,
      },
      { type: 'text', text: 'You help users with software engineering tasks.', cache_control: ephemeral },
    ],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>Use the tools.</system-reminder>' },
          { type: 'text', text: 'What is on this screenshot? Then list src.', cache_control: ephemeral },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'A login form; then run ls.', signature: 'EqQBCkYIBxgCKkB' },
          { type: 'redacted_thinking', data: 'opaque' },
          { type: 'text', text: 'A login form. Listing src now.' },
          { type: 'tool_use', id: 'toolu_01A', name: 'Bash', input: { command: 'ls src' } },
          { type: 'tool_use', id: 'toolu_01B', name: 'Read', input: { file_path: '/repo/logo.png' } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_01A',
            content: [{ type: 'text', text: 'index.ts\nmain.ts' }],
          },
          {
            type: 'tool_result',
            tool_use_id: 'toolu_01B',
            content: [
              { type: 'text', text: 'Image read.' },
              { type: 'image', source: { type: 'url', url: 'https://example.com/logo.png' } },
            ],
          },
          { type: 'text', text: 'Continue.' },
        ],
      },
    ],
    tools: [
      {
        name: 'Bash',
        description: 'Executes a bash command',
        input_schema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
        cache_control: ephemeral,
      },
      { name: 'Read', input_schema: { type: 'object', properties: { file_path: { type: 'string' } } } },
    ],
    metadata: { user_id: 'user_abc_account__session_123' },
    thinking: { type: 'enabled', budget_tokens: 31999 },
  };
}

function badRequest(body: Record<string, unknown>): GatewayError {
  try {
    chatRequestFromMessages(body);
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).status).toBe(400);
    return error as GatewayError;
  }
  throw new Error('expected a 400');
}

describe('Anthropic Messages request → OpenAI chat request', () => {
  it('translates a Claude Code turn: system blocks, image, thinking dropped, tool round trip', () => {
    // The SDK's types no longer list sampling parameters, but Claude Code and older SDKs still send them.
    const chat = chatRequestFromMessages({ ...claudeCodeRequest(), temperature: 1 });
    expect(chat).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 32000,
      temperature: 1,
      stream: true,
      stream_options: { include_usage: true },
      user: 'user_abc_account__session_123',
      reasoning_effort: 'high',
      messages: [
        {
          role: 'system',
          content:
            "You are Claude Code, Anthropic's official CLI for Claude.\nYou help users with software engineering tasks.",
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: '<system-reminder>Use the tools.</system-reminder>' },
            { type: 'text', text: 'What is on this screenshot? Then list src.' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
        {
          role: 'assistant',
          content: 'A login form. Listing src now.',
          tool_calls: [
            {
              id: 'toolu_01A',
              type: 'function',
              function: { name: 'Bash', arguments: '{"command":"ls src"}' },
            },
            {
              id: 'toolu_01B',
              type: 'function',
              function: { name: 'Read', arguments: '{"file_path":"/repo/logo.png"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_01A', content: 'index.ts\nmain.ts' },
        { role: 'tool', tool_call_id: 'toolu_01B', content: 'Image read.' },
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'https://example.com/logo.png' } },
            { type: 'text', text: 'Continue.' },
          ],
        },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'Bash',
            description: 'Executes a bash command',
            parameters: {
              type: 'object',
              properties: { command: { type: 'string' } },
              required: ['command'],
            },
          },
        },
        {
          type: 'function',
          function: {
            name: 'Read',
            parameters: { type: 'object', properties: { file_path: { type: 'string' } } },
          },
        },
      ],
    });
  });

  // The pair of the outbound spec (anthropic-translation.spec.ts, first case), read backwards.
  it('inverts the outbound translation: its Anthropic request comes back as its chat request', () => {
    const anthropic: MessageCreateParams = {
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
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
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
      tools: [{ name: 'weather', description: 'd', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
    };
    expect(chatRequestFromMessages({ ...anthropic, temperature: 0.3 })).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
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
            { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        { role: 'user', content: 'Thanks' },
      ],
      tools: [
        { type: 'function', function: { name: 'weather', description: 'd', parameters: { type: 'object' } } },
      ],
      tool_choice: 'required',
      stop: ['END'],
      temperature: 0.3,
      user: 'u-1',
    });
  });

  it('maps tool_choice, parallel use, top_k, stream false and thinking budgets', () => {
    const base = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] };
    const tools = [{ name: 'f', input_schema: { type: 'object' } }];
    const choice = (tool_choice: unknown) =>
      chatRequestFromMessages({ ...base, tools, tool_choice }).tool_choice;
    expect(choice({ type: 'auto' })).toBe('auto');
    expect(choice({ type: 'none' })).toBe('none');
    expect(choice({ type: 'tool', name: 'f' })).toEqual({ type: 'function', function: { name: 'f' } });
    expect(
      chatRequestFromMessages({
        ...base,
        tools,
        tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      }),
    ).toMatchObject({ tool_choice: 'auto', parallel_tool_calls: false });
    expect(chatRequestFromMessages({ ...base, tool_choice: { type: 'any' } })).not.toHaveProperty(
      'tool_choice',
    );
    expect(chatRequestFromMessages({ ...base, top_k: 5, stream: false })).toEqual({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      top_k: 5,
      stream: false,
    });
    const effort = (budget_tokens: number) =>
      chatRequestFromMessages({ ...base, thinking: { type: 'enabled', budget_tokens } }).reasoning_effort;
    expect([effort(1024), effort(2048), effort(4095), effort(4096)]).toEqual([
      'low',
      'medium',
      'medium',
      'high',
    ]);
    expect(chatRequestFromMessages({ ...base, thinking: { type: 'disabled' } })).not.toHaveProperty(
      'reasoning_effort',
    );
  });

  it('refuses invalid shapes with a 400 naming the param', () => {
    expect(badRequest({ model: 'm' }).param).toBe('messages');
    expect(badRequest({ messages: {} }).param).toBe('messages');
    expect(badRequest({ messages: [{ role: 'tool', content: 'x' }] }).param).toBe('messages[0].role');
    const untyped = badRequest({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b' },
        { role: 'user', content: [{ text: 'c' }] },
      ],
    });
    expect(untyped.param).toBe('messages[2].content[0]');
    expect(badRequest({ messages: [{ role: 'user', content: 42 }] }).param).toBe('messages[0].content');
    expect(badRequest({ messages: [{ role: 'user', content: [null] }] }).param).toBe(
      'messages[0].content[0]',
    );
  });

  it('refuses what only an Anthropic deployment can do: documents, server tools, file images', () => {
    const pdf = { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' };
    const document = badRequest({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Sum up' },
            { type: 'document', source: pdf },
          ],
        },
      ],
    });
    expect(document.param).toBe('messages[0].content[1]');
    expect(document.message).toMatch(/document blocks .* only be sent to Anthropic deployments/);
    const search = badRequest({
      messages: [{ role: 'user', content: 'news?' }],
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }],
    });
    expect(search.param).toBe('tools[0]');
    expect(search.message).toContain(
      "'web_search' (web_search_20250305) only works on Anthropic deployments",
    );
    const file = badRequest({
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'file_1' } }] }],
    });
    expect(file.param).toBe('messages[0].content[0].source');
  });
});

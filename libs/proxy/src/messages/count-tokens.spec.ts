import type { MessageCountTokensParams } from '@anthropic-ai/sdk/resources/messages/messages';
import { GatewayError } from '@switchyard/kernel';
import { countTokens } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';

import { countMessageTokens } from './count-tokens';

const count = (body: MessageCountTokensParams) =>
  countMessageTokens(body as unknown as Record<string, unknown>);

describe('count_tokens', () => {
  it('counts text with o200k plus 3 tokens per message and 3 for the reply', () => {
    const text = 'Hello, how are you today?';
    expect(count({ model: 'm', messages: [{ role: 'user', content: text }] })).toBe(countTokens(text) + 6);
    expect(
      count({
        model: 'm',
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [{ role: 'user', content: text }],
      }),
    ).toBe(countTokens('Be brief.') + countTokens(text) + 9);
  });

  it('counts images as 1600, tool calls, tool results and tool definitions', () => {
    const image = { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } as const;
    const plain = count({ model: 'm', messages: [{ role: 'user', content: 'Look' }] });
    const withImage = count({
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image', source: image },
          ],
        },
      ],
    });
    expect(withImage - plain).toBe(1600);

    const input = { command: 'ls src' };
    const toolTurn = count({
      model: 'm',
      messages: [
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'index.ts' }] },
      ],
    });
    expect(toolTurn).toBe(
      countTokens('Bash') + countTokens(JSON.stringify(input)) + countTokens('index.ts') + 9,
    );

    const schema = { type: 'object' as const, properties: { command: { type: 'string' } } };
    const withTools = count({
      model: 'm',
      messages: [{ role: 'user', content: 'Look' }],
      tools: [{ name: 'Bash', description: 'Runs a command', input_schema: schema }],
    });
    expect(withTools - plain).toBe(
      countTokens('Bash') + countTokens('Runs a command') + countTokens(JSON.stringify(schema)),
    );
  });

  it('counts special-token text as text instead of failing', () => {
    expect(count({ model: 'm', messages: [{ role: 'user', content: 'a <|endoftext|> b' }] })).toBeGreaterThan(
      6,
    );
  });

  it('refuses invalid input with a 400', () => {
    const refuse = (body: Record<string, unknown>) => {
      try {
        countMessageTokens(body);
      } catch (error) {
        expect(error).toBeInstanceOf(GatewayError);
        expect(error).toMatchObject({ status: 400 });
        return (error as GatewayError).param;
      }
      throw new Error('expected a 400');
    };
    expect(refuse({ model: 'm' })).toBe('messages');
    expect(refuse({ messages: [{ role: 'robot', content: 'x' }] })).toBe('messages[0].role');
    expect(refuse({ messages: [{ role: 'user', content: [{ text: 'x' }] }] })).toBe('messages[0].content[0]');
    expect(refuse({ messages: [], tools: 'Bash' })).toBe('tools');
  });
});

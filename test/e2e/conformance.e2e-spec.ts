import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ANTHROPIC_CALL_ID,
  ANTHROPIC_CONVERSATION,
  expectConversationOnTheWire,
  expectForcedToolOnTheWire,
  expectUpstreamCall,
  OPENAI_CALL_ID,
  OPENAI_CONVERSATION,
  startConformanceGateway,
  SYSTEM_PROMPT,
  TOOL_RESULT_REPLY,
  type ConformanceGateway,
} from '../support/conformance-gateway';
import {
  ConformanceMatrix,
  expectChatUsage,
  expectMessageUsage,
  expectOneToolUse,
  expectStreamedCall,
  expectWeatherCall,
  PROVIDERS,
  readChatStream,
  type Axis,
  type ProviderCase,
} from '../support/conformance-matrix';

// The conformance matrix (test/conformance/conformance.md): inbound format × provider × mode, one test per cell.
type FormatId = 'openai-chat' | 'anthropic-messages';
type ModeId = 'plain' | 'streaming' | 'tools' | 'conversation';
const FORMATS: Axis<FormatId>[] = [
  { id: 'openai-chat', label: 'OpenAI chat: `POST /v1/chat/completions` (official `openai` SDK)' },
  {
    id: 'anthropic-messages',
    label: 'Anthropic messages: `POST /v1/messages` (official `@anthropic-ai/sdk`)',
  },
];
const MODES: Axis<ModeId>[] = (['plain', 'streaming', 'tools', 'conversation'] as const).map((id) => ({
  id,
  label: id,
}));
const matrix = new ConformanceMatrix(FORMATS, PROVIDERS, MODES);

const HELLO = 'Say hello.';
const QUESTION = 'What is the weather in Paris?';
const OPENAI_TOOL: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather of a city',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};
const ANTHROPIC_TOOL: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Weather of a city',
  input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};

let env: ConformanceGateway;
let openai: OpenAI;
let anthropic: Anthropic;

const expectUpstream = (p: ProviderCase, stream: boolean) =>
  expectUpstreamCall(p, env.lastRequest(p.id), stream);
const expectForcedTool = (p: ProviderCase) => expectForcedToolOnTheWire(p.wire, env.lastRequest(p.id)?.body);

type ChatParams = Omit<OpenAI.ChatCompletionCreateParamsStreaming, 'stream' | 'stream_options'>;

/** Streams a chat completion with the final usage chunk. */
async function streamChat(params: ChatParams) {
  const stream = await openai.chat.completions.create({
    ...params,
    stream: true,
    stream_options: { include_usage: true },
  });
  return readChatStream(stream);
}

/** Streams a message with the Anthropic SDK: its text deltas and the message it assembles. */
async function streamMessage(params: Anthropic.MessageStreamParams) {
  const stream = anthropic.messages.stream(params);
  const deltas: string[] = [];
  stream.on('text', (delta: string) => deltas.push(delta));
  return { deltas, message: await stream.finalMessage() };
}

type Cell = (provider: ProviderCase) => Promise<void>;

const OPENAI_CHAT: Record<ModeId, Cell> = {
  plain: async (p) => {
    const { data, response } = await openai.chat.completions
      .create({ model: p.model, messages: [{ role: 'user', content: HELLO }] })
      .withResponse();
    expect(data.choices).toHaveLength(1);
    expect(data.choices[0]?.message.content).toBe(p.reply);
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.model).toBe(p.model);
    expectChatUsage(data.usage);
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeGreaterThan(0);
    expectUpstream(p, false);
  },
  streaming: async (p) => {
    const read = await streamChat({ model: p.model, messages: [{ role: 'user', content: HELLO }] });
    expect(read.text).toBe(p.reply);
    expect(read.deltas.length).toBeGreaterThan(1);
    expect(read.finish).toBe('stop');
    expect(read.models).toEqual([p.model]);
    expectChatUsage(read.usage);
    expectUpstream(p, true);
  },
  tools: async (p) => {
    const request = {
      model: p.model,
      messages: [{ role: 'user' as const, content: QUESTION }],
      tools: [OPENAI_TOOL],
      tool_choice: 'required' as const,
    };
    const data = await openai.chat.completions.create(request);
    const calls = data.choices[0]?.message.tool_calls ?? [];
    expect(data.choices[0]?.finish_reason).toBe('tool_calls');
    expect(data.model).toBe(p.model);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.id).toBeTruthy();
    const fn = calls[0]?.type === 'function' ? calls[0].function : undefined;
    expectWeatherCall(fn?.name, fn?.arguments);
    expectChatUsage(data.usage);
    expectUpstream(p, false);
    expectForcedTool(p);
    const read = await streamChat(request);
    expectStreamedCall(read);
    expectChatUsage(read.usage);
    expect(read.models).toEqual([p.model]);
    expectUpstream(p, true);
    expectForcedTool(p);
  },
  conversation: async (p) => {
    const read = await streamChat({ model: p.model, messages: OPENAI_CONVERSATION, tools: [OPENAI_TOOL] });
    expect(read.models).toEqual([p.model]);
    if (p.alwaysCallsTools) {
      expectStreamedCall(read);
    } else {
      expect(read.text).toBe(TOOL_RESULT_REPLY);
      expect(read.finish).toBe('stop');
    }
    expectChatUsage(read.usage);
    expectUpstream(p, true);
    expectConversationOnTheWire(p.wire, env.lastRequest(p.id)?.body ?? {}, OPENAI_CALL_ID);
  },
};

const ANTHROPIC_MESSAGES: Record<ModeId, Cell> = {
  plain: async (p) => {
    const { data, response } = await anthropic.messages
      .create({ model: p.model, max_tokens: 256, messages: [{ role: 'user', content: HELLO }] })
      .withResponse();
    expect(data.content).toHaveLength(1);
    expect(data.content[0]).toMatchObject({ type: 'text', text: p.reply });
    expect(data.stop_reason).toBe('end_turn');
    expect(data.model).toBe(p.model);
    expectMessageUsage(data.usage);
    expect(Number(response.headers.get('x-litellm-response-cost'))).toBeGreaterThan(0);
    expectUpstream(p, false);
  },
  streaming: async (p) => {
    const { deltas, message } = await streamMessage({
      model: p.model,
      max_tokens: 256,
      messages: [{ role: 'user', content: HELLO }],
    });
    expect(deltas.join('')).toBe(p.reply);
    expect(deltas.length).toBeGreaterThan(1);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.model).toBe(p.model);
    expectMessageUsage(message.usage);
    expectUpstream(p, true);
  },
  tools: async (p) => {
    const request = {
      model: p.model,
      max_tokens: 256,
      messages: [{ role: 'user' as const, content: QUESTION }],
      tools: [ANTHROPIC_TOOL],
      tool_choice: { type: 'any' as const },
    };
    const data = await anthropic.messages.create(request);
    expectOneToolUse(data);
    expect(data.model).toBe(p.model);
    expectUpstream(p, false);
    expectForcedTool(p);
    const { message } = await streamMessage(request);
    expectOneToolUse(message);
    expect(message.model).toBe(p.model);
    expectUpstream(p, true);
    expectForcedTool(p);
  },
  conversation: async (p) => {
    const { deltas, message } = await streamMessage({
      model: p.model,
      max_tokens: 256,
      system: SYSTEM_PROMPT,
      messages: ANTHROPIC_CONVERSATION,
      tools: [ANTHROPIC_TOOL],
    });
    expect(message.model).toBe(p.model);
    if (p.alwaysCallsTools) {
      expectOneToolUse(message);
    } else {
      expect(deltas.join('')).toBe(TOOL_RESULT_REPLY);
      expect(message.stop_reason).toBe('end_turn');
    }
    expectMessageUsage(message.usage);
    expectUpstream(p, true);
    expectConversationOnTheWire(p.wire, env.lastRequest(p.id)?.body ?? {}, ANTHROPIC_CALL_ID);
  },
};

const CELLS: Record<FormatId, Record<ModeId, Cell>> = {
  'openai-chat': OPENAI_CHAT,
  'anthropic-messages': ANTHROPIC_MESSAGES,
};

describe('provider conformance matrix', () => {
  beforeAll(async () => {
    env = await startConformanceGateway();
    openai = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'none', maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: env.gateway.url, apiKey: 'none', maxRetries: 0 });
  });

  afterAll(async () => {
    await env?.stop();
    await matrix.writeIfComplete();
  });

  describe.each(FORMATS)('$id', (format) => {
    describe.each(MODES)('$id', (mode) => {
      it.for(PROVIDERS)('$label', (provider, { skip }) => {
        if (!matrix.isApplicable(format.id, provider.id, mode.id)) return skip();
        return matrix.check(format.id, provider.id, mode.id, () => CELLS[format.id][mode.id](provider));
      });
    });
  });
});

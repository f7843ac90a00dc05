import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { expect } from 'vitest';

import { BEDROCK_MODEL, type ProviderCase, type ProviderId, type Wire } from './conformance-matrix';
import { startMockAnthropic } from './mock-anthropic';
import { MOCK_AWS, startMockBedrock } from './mock-bedrock';
import { MOCK_GEMINI_KEY, startMockGemini } from './mock-gemini';
import { startMockUpstream, type MockUpstream } from './mock-upstream';
import { startGateway, type GatewayProcess } from './start-gateway';

type Json = Record<string, unknown>;

/** An upstream request as its mock recorded it. */
export interface UpstreamRequest {
  /** Path and query (the Anthropic mock serves one path and does not record it). */
  readonly url: string;
  readonly body: Json;
}

export interface ConformanceGateway {
  readonly gateway: GatewayProcess;
  lastRequest(provider: ProviderId): UpstreamRequest | undefined;
  stop(): Promise<void>;
}

/** Six mocks speaking each provider's wire format, and ONE gateway with a deployment for each. */
export async function startConformanceGateway(): Promise<ConformanceGateway> {
  const [openai, azure, groq, anthropic, gemini, bedrock] = await Promise.all([
    startMockUpstream(),
    startMockUpstream(),
    startMockUpstream(),
    startMockAnthropic(),
    startMockGemini(),
    startMockBedrock(),
  ]);
  const stopMocks = () =>
    Promise.all([openai, azure, groq, anthropic, gemini, bedrock].map((m) => m.close()));
  const entry = (id: ProviderId, model: string, api_base: string, extra: Json) => ({
    model_name: `conf-${id}`,
    litellm_params: { model, api_base, ...extra },
  });
  const model_list = [
    entry('openai', 'openai/gpt-4o', `${openai.url}/v1`, { api_key: 'sk-openai-test' }),
    {
      ...entry('azure', 'azure/conf-gpt-4o', azure.url, { api_key: 'azure-key', api_version: '2024-10-21' }),
      // A deployment name has no bundled price.
      model_info: { input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001 },
    },
    entry('anthropic', 'anthropic/claude-sonnet-4-5', anthropic.url, { api_key: 'sk-ant-test' }),
    entry('gemini', 'gemini/gemini-2.5-flash', gemini.url, { api_key: MOCK_GEMINI_KEY }),
    entry('bedrock', `bedrock/${BEDROCK_MODEL}`, bedrock.url, {
      aws_access_key_id: MOCK_AWS.accessKeyId,
      aws_secret_access_key: MOCK_AWS.secretAccessKey,
      aws_region_name: MOCK_AWS.region,
    }),
    entry('groq', 'groq/llama-3.3-70b-versatile', `${groq.url}/v1`, { api_key: 'gsk-test' }),
  ];
  const gateway = await startGateway({ config: { model_list } }).catch(async (error: unknown) => {
    await stopMocks();
    throw error;
  });
  const openaiWire = (mock: MockUpstream): UpstreamRequest | undefined => {
    const last = mock.requests.at(-1);
    return last && { url: `${last.path}${last.search}`, body: (last.body ?? {}) as Json };
  };
  const recorded: Record<ProviderId, () => UpstreamRequest | undefined> = {
    openai: () => openaiWire(openai),
    azure: () => openaiWire(azure),
    groq: () => openaiWire(groq),
    anthropic: () => {
      const last = anthropic.requests.at(-1);
      return last && { url: '/v1/messages', body: last.body };
    },
    gemini: () => gemini.requests.at(-1),
    bedrock: () => bedrock.requests.at(-1),
  };
  return {
    gateway,
    lastRequest: (id) => recorded[id](),
    stop: async () => {
      await gateway.stop();
      await stopMocks();
    },
  };
}

/** The last upstream call went to the provider's own endpoint, streamed upstream iff `stream`. */
export function expectUpstreamCall(
  provider: ProviderCase,
  sent: UpstreamRequest | undefined,
  stream: boolean,
) {
  expect(sent?.url).toBe(provider.url(stream));
  // Gemini and Bedrock say it in the path; the others in the body.
  if (provider.wire === 'openai' || provider.wire === 'anthropic')
    expect(sent?.body.stream === true).toBe(stream);
}

/** The tool definition and a forced tool choice reached the upstream in its own wire format. */
export function expectForcedToolOnTheWire(wire: Wire, body: Json | undefined): void {
  const name = 'get_weather';
  const shapes: Record<Wire, Json> = {
    openai: { tools: [{ type: 'function', function: { name } }], tool_choice: 'required' },
    anthropic: { tools: [{ name }], tool_choice: { type: 'any' } },
    gemini: {
      tools: [{ functionDeclarations: [{ name }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
    },
    bedrock: { toolConfig: { tools: [{ toolSpec: { name } }], toolChoice: { any: {} } } },
  };
  expect(body).toMatchObject(shapes[wire]);
}

// The shared conversation: system prompt, two user turns, an image, a tool call and its result.
export const SYSTEM_PROMPT = 'You are a weather bot.';
const EARLIER_ANSWER = 'Hello! Which city?';
const PHOTO_QUESTION = 'What is the weather where this photo was taken?';
/** A 1×1 PNG. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const TOOL_RESULT = 'Sunny, 21°C';
/** What the OpenAI-wire mocks answer after a tool result. */
export const TOOL_RESULT_REPLY = `The tool returned: ${TOOL_RESULT}`;
export const OPENAI_CALL_ID = 'call_weather_1';
export const ANTHROPIC_CALL_ID = 'toolu_weather_1';

export const OPENAI_CONVERSATION: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'system', content: SYSTEM_PROMPT },
  { role: 'user', content: 'Hi!' },
  { role: 'assistant', content: EARLIER_ANSWER },
  {
    role: 'user',
    content: [
      { type: 'text', text: PHOTO_QUESTION },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
    ],
  },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      {
        id: OPENAI_CALL_ID,
        type: 'function',
        function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
      },
    ],
  },
  { role: 'tool', tool_call_id: OPENAI_CALL_ID, content: TOOL_RESULT },
];

/** The same conversation for `/v1/messages` (its system prompt is a separate field). */
export const ANTHROPIC_CONVERSATION: Anthropic.MessageParam[] = [
  { role: 'user', content: 'Hi!' },
  { role: 'assistant', content: EARLIER_ANSWER },
  {
    role: 'user',
    content: [
      { type: 'text', text: PHOTO_QUESTION },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
    ],
  },
  {
    role: 'assistant',
    content: [{ type: 'tool_use', id: ANTHROPIC_CALL_ID, name: 'get_weather', input: { location: 'Paris' } }],
  },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: ANTHROPIC_CALL_ID, content: TOOL_RESULT }] },
];

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const blocks = (messages: unknown, field: string): Json[] => list(messages).flatMap((m) => list(m[field]));
const roles = (messages: unknown): unknown[] => list(messages).map((m) => m.role);
/** A content value as text: a string, or the text of its blocks. */
const textOf = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : list(content)
        .map((block) => String(block.text ?? ''))
        .join('');
const PARIS = { location: 'Paris' };
const TURNS = ['user', 'assistant', 'user', 'assistant', 'user'];

/** The conversation reached the upstream in that provider's own wire format; `callId` names the tool call. */
export function expectConversationOnTheWire(wire: Wire, body: Json, callId: string): void {
  switch (wire) {
    case 'openai': {
      const messages = list(body.messages);
      expect(roles(messages)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'tool']);
      expect(textOf(messages[0]?.content)).toBe(SYSTEM_PROMPT);
      expect(textOf(messages[2]?.content)).toBe(EARLIER_ANSWER);
      expect(blocks(messages, 'content')).toContainEqual({
        type: 'image_url',
        image_url: expect.objectContaining({ url: `data:image/png;base64,${PNG_BASE64}` }),
      });
      const call = blocks(messages, 'tool_calls')[0];
      expect(call).toMatchObject({ id: callId, type: 'function', function: { name: 'get_weather' } });
      expect(JSON.parse(String((call?.function as Json).arguments))).toEqual(PARIS);
      expect(messages[5]).toMatchObject({ role: 'tool', tool_call_id: callId });
      expect(textOf(messages[5]?.content)).toBe(TOOL_RESULT);
      return;
    }
    case 'anthropic': {
      const content = blocks(body.messages, 'content');
      expect(roles(body.messages)).toEqual(TURNS);
      expect(textOf(body.system)).toBe(SYSTEM_PROMPT);
      expect(textOf(list(body.messages)[1]?.content)).toBe(EARLIER_ANSWER);
      expect(content).toContainEqual({
        type: 'image',
        source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 },
      });
      expect(content).toContainEqual(
        expect.objectContaining({ type: 'tool_use', id: callId, name: 'get_weather', input: PARIS }),
      );
      const result = content.find((block) => block.type === 'tool_result');
      expect(result).toMatchObject({ tool_use_id: callId });
      expect(textOf(result?.content)).toBe(TOOL_RESULT);
      return;
    }
    case 'gemini': {
      const parts = blocks(body.contents, 'parts');
      expect(roles(body.contents)).toEqual(['user', 'model', 'user', 'model', 'user']);
      expect(textOf((body.systemInstruction as Json | undefined)?.parts)).toBe(SYSTEM_PROMPT);
      expect(textOf(list(body.contents)[1]?.parts)).toBe(EARLIER_ANSWER);
      expect(parts).toContainEqual({ inlineData: { mimeType: 'image/png', data: PNG_BASE64 } });
      expect(parts).toContainEqual({
        functionCall: expect.objectContaining({ name: 'get_weather', args: PARIS }),
      });
      const result = parts.find((part) => part.functionResponse)?.functionResponse as Json | undefined;
      expect(result).toMatchObject({ name: 'get_weather' });
      expect(JSON.stringify(result?.response)).toContain(TOOL_RESULT);
      return;
    }
    case 'bedrock': {
      const content = blocks(body.messages, 'content');
      expect(roles(body.messages)).toEqual(TURNS);
      expect(textOf(body.system)).toBe(SYSTEM_PROMPT);
      expect(textOf(list(body.messages)[1]?.content)).toBe(EARLIER_ANSWER);
      expect(content).toContainEqual({ image: { format: 'png', source: { bytes: PNG_BASE64 } } });
      expect(content).toContainEqual({ toolUse: { toolUseId: callId, name: 'get_weather', input: PARIS } });
      const result = content.find((block) => block.toolResult)?.toolResult as Json | undefined;
      expect(result).toMatchObject({ toolUseId: callId });
      expect(textOf(result?.content)).toBe(TOOL_RESULT);
      return;
    }
  }
}

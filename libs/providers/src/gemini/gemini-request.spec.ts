import { describe, expect, it } from 'vitest';

import { toGeminiRequest } from './gemini-request';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather of a city',
    strict: true,
    parameters: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        location: { type: 'string' },
        unit: { type: ['string', 'null'], enum: ['c', 'f'] },
        where: { $ref: '#/$defs/Place' },
      },
      required: ['location'],
      additionalProperties: false,
      $defs: {
        Place: { type: 'object', properties: { lat: { type: 'number' } }, additionalProperties: false },
      },
    },
  },
};

describe('OpenAI chat → Gemini generateContent', () => {
  it('moves system prompts to systemInstruction, merges turns, maps images, tool calls and results', () => {
    const request = toGeminiRequest(
      {
        model: 'gemini-2.5-flash',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is on this picture?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.webp?size=2' } },
              { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
            ],
          },
          { role: 'user', content: 'And the weather in Paris?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_abc',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_abc', content: '{"temp":21}' },
          { role: 'user', content: 'Thanks' },
        ],
        tools: [weatherTool],
        stream: true,
        stream_options: { include_usage: true },
      },
      'gemini-2.5-flash',
      false,
    );
    expect(request).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in English.' }] },
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'What is on this picture?' },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            { fileData: { mimeType: 'image/webp', fileUri: 'https://example.com/cat.webp?size=2' } },
            { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
            { text: 'And the weather in Paris?' },
          ],
        },
        { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { location: 'Paris' } } }] },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'get_weather', response: { content: '{"temp":21}' } } },
            { text: 'Thanks' },
          ],
        },
      ],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Weather of a city',
              parameters: {
                type: 'object',
                properties: {
                  location: { type: 'string' },
                  unit: { type: 'string', nullable: true, enum: ['c', 'f'] },
                  where: { type: 'object', properties: { lat: { type: 'number' } } },
                },
                required: ['location'],
              },
            },
          ],
        },
      ],
    });
  });

  it('sends a thought signature carried in a tool call id back on its functionCall part', () => {
    const request = toGeminiRequest(
      {
        messages: [
          { role: 'user', content: 'weather?' },
          {
            role: 'assistant',
            tool_calls: [
              {
                id: 'call_1__thought__CqgCAdHtim9',
                type: 'function',
                function: { name: 'get_weather', arguments: '{}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1__thought__CqgCAdHtim9', content: 'sunny' },
        ],
      },
      'gemini-3-pro-preview',
      false,
    );
    expect(request.contents).toEqual([
      { role: 'user', parts: [{ text: 'weather?' }] },
      {
        role: 'model',
        parts: [{ functionCall: { name: 'get_weather', args: {} }, thoughtSignature: 'CqgCAdHtim9' }],
      },
      {
        role: 'user',
        parts: [{ functionResponse: { name: 'get_weather', response: { content: 'sunny' } } }],
      },
    ]);
  });

  it('maps tool_choice to functionCallingConfig', () => {
    const choice = (tool_choice: unknown) =>
      toGeminiRequest({ messages: [], tools: [weatherTool], tool_choice }, 'm', false).toolConfig;
    expect(choice('none')).toEqual({ functionCallingConfig: { mode: 'NONE' } });
    expect(choice('auto')).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
    expect(choice('required')).toEqual({ functionCallingConfig: { mode: 'ANY' } });
    expect(choice({ type: 'function', function: { name: 'get_weather' } })).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    });
    expect(choice(undefined)).toBeUndefined();
  });

  it('builds generationConfig from sampling, length, stop, format and reasoning parameters', () => {
    const request = toGeminiRequest(
      {
        messages: [{ role: 'user', content: 'x' }],
        temperature: 0.2,
        top_p: 0.9,
        top_k: 40,
        max_tokens: 50,
        max_completion_tokens: 100,
        stop: 'END',
        n: 2,
        seed: 7,
        presence_penalty: 0.1,
        frequency_penalty: 0.3,
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'answer',
            strict: true,
            schema: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
          },
        },
        reasoning_effort: 'medium',
        safety_settings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        user: 'u-1',
      },
      'gemini-2.5-flash',
      false,
    );
    expect(request.generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      candidateCount: 2,
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: 0.3,
      maxOutputTokens: 100,
      stopSequences: ['END'],
      responseMimeType: 'application/json',
      responseSchema: { type: 'object', properties: { a: { type: 'string' } } },
      thinkingConfig: { thinkingBudget: 2048, includeThoughts: true },
    });
    expect(request.safetySettings).toEqual([
      { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' },
    ]);
    expect(
      toGeminiRequest({ messages: [], response_format: { type: 'json_object' } }, 'm', false),
    ).toMatchObject({ generationConfig: { responseMimeType: 'application/json' } });
  });

  it("uses the deployment's safety_settings unless the request sends its own", () => {
    const fromDeployment = [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_ONLY_HIGH' }];
    expect(toGeminiRequest({ messages: [] }, 'm', false, fromDeployment).safetySettings).toBe(fromDeployment);
    expect(
      toGeminiRequest({ messages: [], safety_settings: [] }, 'm', false, fromDeployment).safetySettings,
    ).toEqual([]);
    expect(toGeminiRequest({ messages: [] }, 'm', false)).not.toHaveProperty('safetySettings');
  });
});

describe('parameters Gemini cannot take', () => {
  const secondTool = { type: 'function', function: { name: 'get_time' } };

  it('are refused with 400 naming them and the provider, unless drop_params', () => {
    const body = {
      messages: [{ role: 'user', content: 'x' }],
      logit_bias: { '50256': -100 },
      tools: [weatherTool, secondTool],
      parallel_tool_calls: false,
    };
    expect(() => toGeminiRequest(body, 'gemini-2.5-flash', false)).toThrow(
      /gemini does not support parameters: \['logit_bias', 'parallel_tool_calls'\], for model=gemini-2.5-flash/,
    );
    try {
      toGeminiRequest(body, 'gemini-2.5-flash', false);
    } catch (error) {
      expect(error).toMatchObject({ status: 400, param: 'logit_bias' });
    }
    const dropped = toGeminiRequest(body, 'gemini-2.5-flash', true);
    expect(JSON.stringify(dropped)).not.toMatch(/logit|parallel/i);
  });

  it('accept parallel_tool_calls: false with a single tool', () => {
    expect(() =>
      toGeminiRequest({ messages: [], tools: [weatherTool], parallel_tool_calls: false }, 'm', false),
    ).not.toThrow();
  });

  it('refuse tool call arguments that are not JSON', () => {
    const messages = [
      {
        role: 'assistant',
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }],
      },
    ];
    expect(() => toGeminiRequest({ messages }, 'm', false)).toThrow(/arguments must be a JSON object/);
  });
});

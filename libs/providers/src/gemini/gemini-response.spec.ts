import { describe, expect, it } from 'vitest';

import { finishReason, fromGeminiResponse } from './gemini-response';

describe('Gemini generateContent → OpenAI chat.completion', () => {
  it('joins text parts, keeps thoughts apart and maps usage with thinking tokens', () => {
    const completion = fromGeminiResponse(
      {
        candidates: [
          {
            content: {
              parts: [
                { text: '**Greeting the user**\nA short hello will do.', thought: true },
                { text: 'Hello! ' },
                { text: 'How can I help?' },
              ],
              role: 'model',
            },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: {
          promptTokenCount: 2,
          candidatesTokenCount: 9,
          totalTokenCount: 36,
          cachedContentTokenCount: 1,
          promptTokensDetails: [{ modality: 'TEXT', tokenCount: 2 }],
          thoughtsTokenCount: 25,
        },
        modelVersion: 'gemini-2.5-flash',
        responseId: 'Xo5jaPv2IYWs1MkP3ti9mAU',
      },
      'gemini-2.5-flash',
    );
    expect(completion).toMatchObject({
      id: 'Xo5jaPv2IYWs1MkP3ti9mAU',
      object: 'chat.completion',
      model: 'gemini-2.5-flash',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Hello! How can I help?',
            reasoning_content: '**Greeting the user**\nA short hello will do.',
          },
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 2,
        completion_tokens: 34,
        total_tokens: 36,
        prompt_tokens_details: { cached_tokens: 1 },
        completion_tokens_details: { reasoning_tokens: 25 },
      },
    });
    expect(completion.created).toEqual(expect.any(Number));
  });

  it('turns functionCall parts into tool_calls with call_ ids, JSON arguments and finish_reason tool_calls', () => {
    const completion = fromGeminiResponse(
      {
        candidates: [
          {
            content: {
              parts: [
                { functionCall: { name: 'get_weather', args: { location: 'Paris' } } },
                { functionCall: { name: 'get_time', args: {} }, thoughtSignature: 'CqgCAdHt' },
              ],
              role: 'model',
            },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: { promptTokenCount: 30, candidatesTokenCount: 10, totalTokenCount: 40 },
      },
      'gemini-2.5-flash',
    );
    const choice = (completion.choices as Array<Record<string, unknown>>)[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    const message = choice?.message as { content: unknown; tool_calls: Array<Record<string, unknown>> };
    expect(message.content).toBeNull();
    expect(message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_[0-9a-f]{32}$/),
        type: 'function',
        function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
      },
      {
        id: expect.stringMatching(/^call_[0-9a-f]{32}__thought__CqgCAdHt$/),
        type: 'function',
        function: { name: 'get_time', arguments: '{}' },
      },
    ]);
    expect(String(completion.id)).toMatch(/^chatcmpl-/);
  });

  it('answers a blocked prompt with empty content and finish_reason content_filter', () => {
    const completion = fromGeminiResponse(
      {
        promptFeedback: {
          blockReason: 'SAFETY',
          safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH' }],
        },
        usageMetadata: { promptTokenCount: 8, totalTokenCount: 8 },
        modelVersion: 'gemini-2.5-flash',
      },
      'gemini-2.5-flash',
    );
    expect(completion).toMatchObject({
      choices: [{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'content_filter' }],
      usage: { prompt_tokens: 8, completion_tokens: 0, total_tokens: 8 },
    });
  });

  it('maps finish reasons as LiteLLM does', () => {
    expect(
      [
        'STOP',
        'MAX_TOKENS',
        'SAFETY',
        'RECITATION',
        'BLOCKLIST',
        'PROHIBITED_CONTENT',
        'SPII',
        'IMAGE_SAFETY',
        'OTHER',
        'MALFORMED_FUNCTION_CALL',
        'FINISH_REASON_UNSPECIFIED',
        'SOMETHING_NEW',
      ].map((reason) => finishReason(reason)),
    ).toEqual([
      'stop',
      'length',
      'content_filter',
      'content_filter',
      'content_filter',
      'content_filter',
      'content_filter',
      'content_filter',
      'content_filter',
      'stop',
      'stop',
      'stop',
    ]);
    expect(finishReason('STOP', true)).toBe('tool_calls');
    expect(finishReason('MAX_TOKENS', true)).toBe('length');
  });
});

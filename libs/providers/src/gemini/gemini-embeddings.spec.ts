import { describe, expect, it } from 'vitest';

import { embeddingTexts, fromGeminiEmbeddings, toGeminiEmbedRequest } from './gemini-embeddings';

describe('OpenAI embeddings ⇄ Gemini batchEmbedContents', () => {
  it('sends one request per input text, with outputDimensionality from dimensions', () => {
    const body = { model: 'text-embedding-004', input: ['hello', 'world'], dimensions: 256 };
    expect(toGeminiEmbedRequest(embeddingTexts(body.input), body, 'text-embedding-004')).toEqual({
      requests: [
        {
          model: 'models/text-embedding-004',
          content: { parts: [{ text: 'hello' }] },
          outputDimensionality: 256,
        },
        {
          model: 'models/text-embedding-004',
          content: { parts: [{ text: 'world' }] },
          outputDimensionality: 256,
        },
      ],
    });
    expect(embeddingTexts('one')).toEqual(['one']);
  });

  it('refuses token arrays with 400', () => {
    expect(() => embeddingTexts([1, 2, 3])).toThrow(expect.objectContaining({ status: 400, param: 'input' }));
    expect(() => embeddingTexts([[1, 2]])).toThrow(/string or an array of strings/);
  });

  it("returns OpenAI's list with estimated usage, as floats or base64 float32", async () => {
    const response = { embeddings: [{ values: [0.5, -0.25] }, { values: [1, 0] }] };
    const texts = ['hello world', 'foo'];
    const floats = await fromGeminiEmbeddings(response, texts, {}, 'text-embedding-004');
    expect(floats).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, -0.25] },
        { object: 'embedding', index: 1, embedding: [1, 0] },
      ],
      model: 'text-embedding-004',
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
    const base64 = await fromGeminiEmbeddings(response, texts, { encoding_format: 'base64' }, 'm');
    const first = (base64.data as Array<{ embedding: string }>)[0]?.embedding ?? '';
    const bytes = Buffer.from(first, 'base64');
    expect([...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)]).toEqual([0.5, -0.25]);
  });
});

import { GatewayError } from '@switchyard/kernel';

type Json = Record<string, unknown>;

// The tokenizer takes ~0.4 s to load: only gateways that serve Gemini embeddings pay for it.
const loadTokenizer = () => import('gpt-tokenizer');
let tokenizer: ReturnType<typeof loadTokenizer> | undefined;

async function countTokens(texts: readonly string[]): Promise<number> {
  const { countTokens: count } = await (tokenizer ??= loadTokenizer());
  // Special-token text in an input is counted as plain text, never refused.
  const options = { disallowedSpecial: new Set<string>() };
  return texts.reduce((sum, text) => sum + count(text, options), 0);
}

/** The texts of an OpenAI embeddings `input`; Gemini embeds text only, so token arrays are refused. */
export function embeddingTexts(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((item) => typeof item === 'string'))
    return input as string[];
  throw GatewayError.badRequest('gemini embeddings take `input` as a string or an array of strings', 'input');
}

/** An OpenAI embeddings request as Gemini's `batchEmbedContents` body. */
export function toGeminiEmbedRequest(texts: readonly string[], body: Json, model: string): Json {
  const dimensions = typeof body.dimensions === 'number' ? { outputDimensionality: body.dimensions } : {};
  return {
    requests: texts.map((text) => ({
      model: `models/${model}`,
      content: { parts: [{ text }] },
      ...dimensions,
    })),
  };
}

/**
 * Gemini's embeddings as OpenAI's list. Gemini reports no token counts, so usage is estimated
 * with an OpenAI tokenizer; `encoding_format: "base64"` (the openai SDK's default) is honoured.
 */
export async function fromGeminiEmbeddings(
  response: Json,
  texts: readonly string[],
  body: Json,
  model: string,
): Promise<Json> {
  const base64 = body.encoding_format === 'base64';
  const embeddings = (response.embeddings as Json[] | undefined) ?? [];
  const data = embeddings.map((embedding, index) => {
    const values = (embedding.values as number[] | undefined) ?? [];
    return {
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(new Float32Array(values).buffer).toString('base64') : values,
    };
  });
  const tokens = await countTokens(texts);
  return { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

import { asArray, asNumber, asString, type JsonObject } from './json-fields';
import { countTokens } from './text';

const DEFAULT_DIMENSIONS = 1536;
const LARGE_DIMENSIONS = 3072;

/** One entry per input: a text, or a token array (counted by length). */
function inputs(input: unknown): { seed: string; tokens: number }[] | undefined {
  const text = asString(input);
  if (text !== undefined) return [{ seed: text, tokens: countTokens(text) }];
  const list = asArray(input);
  if (!list || list.length === 0) return undefined;
  if (list.every((item) => typeof item === 'number')) return [{ seed: list.join(','), tokens: list.length }];
  const result: { seed: string; tokens: number }[] = [];
  for (const item of list) {
    const itemText = asString(item);
    const tokens = asArray(item);
    if (itemText !== undefined) result.push({ seed: itemText, tokens: countTokens(itemText) });
    else if (tokens) result.push({ seed: tokens.join(','), tokens: tokens.length });
    else return undefined;
  }
  return result;
}

/** A unit-length vector that depends only on the text (FNV-1a seed, xorshift32 stream). */
export function deterministicVector(seed: string, dimensions: number): Float32Array {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  if (state === 0) state = 1;
  const vector = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const value = state / 0xffffffff - 0.5;
    vector[i] = value;
    norm += value * value;
  }
  const scale = 1 / Math.sqrt(norm || 1);
  for (let i = 0; i < dimensions; i += 1) vector[i] = (vector[i] ?? 0) * scale;
  return vector;
}

/** Little-endian float32 bytes, base64 — what OpenAI returns for `encoding_format: "base64"`. */
export function float32Base64(vector: Float32Array): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i += 1) bytes.writeFloatLE(vector[i] ?? 0, i * 4);
  return bytes.toString('base64');
}

/** The embeddings list, or `undefined` when `input` is missing or malformed. */
export function embeddingsBody(body: JsonObject, model: string): JsonObject | undefined {
  const items = inputs(body['input']);
  if (!items) return undefined;
  const dimensions =
    asNumber(body['dimensions']) ?? (model.includes('3-large') ? LARGE_DIMENSIONS : DEFAULT_DIMENSIONS);
  const base64 = body['encoding_format'] === 'base64';
  const promptTokens = items.reduce((sum, item) => sum + item.tokens, 0);
  return {
    object: 'list',
    data: items.map((item, index) => {
      const vector = deterministicVector(item.seed, dimensions);
      return { object: 'embedding', index, embedding: base64 ? float32Base64(vector) : Array.from(vector) };
    }),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

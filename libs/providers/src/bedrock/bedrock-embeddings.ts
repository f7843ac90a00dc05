import { GatewayError } from '@switchyard/kernel';

import type { ProviderCall } from '../provider.types';
import { malformedUpstreamError } from '../upstream/upstream-errors';
import { BEDROCK_LABEL } from './bedrock-errors';
import { postBedrock, readJson, type BedrockTarget } from './bedrock-http';

type Json = Record<string, unknown>;

// Cohere's InvokeModel limit on texts per request.
const COHERE_BATCH = 96;
// Titan requests in flight at once for one call (each also listens on the call's abort signal).
const TITAN_PARALLEL = 8;

function inputTexts(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.every((item) => typeof item === 'string')) return input as string[];
  throw GatewayError.badRequest('bedrock/ embeddings take input as a string or a list of strings', 'input');
}

function vectorOf(value: unknown): number[] {
  if (!Array.isArray(value)) throw malformedUpstreamError(BEDROCK_LABEL, 'an embedding is missing');
  return value as number[];
}

/** Titan embeds one text per InvokeModel request: they go out a few at a time. */
async function titan(target: BedrockTarget, model: string, texts: string[], call: ProviderCall) {
  const dimensions = call.body.dimensions;
  const answers: Json[] = [];
  for (let start = 0; start < texts.length; start += TITAN_PARALLEL) {
    const batch = texts.slice(start, start + TITAN_PARALLEL).map(async (inputText) => {
      const body = { inputText, ...(typeof dimensions === 'number' ? { dimensions } : {}) };
      return readJson(await postBedrock(target, model, 'invoke', body, call));
    });
    answers.push(...(await Promise.all(batch)));
  }
  return {
    vectors: answers.map((answer) => vectorOf(answer.embedding)),
    tokens: answers.reduce((sum, answer) => sum + Number(answer.inputTextTokenCount ?? 0), 0),
  };
}

/** Cohere does not report tokens: they are counted locally, as LiteLLM does. */
async function cohere(target: BedrockTarget, model: string, texts: string[], call: ProviderCall) {
  const inputType = typeof call.body.input_type === 'string' ? call.body.input_type : 'search_document';
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += COHERE_BATCH) {
    const body = { texts: texts.slice(start, start + COHERE_BATCH), input_type: inputType };
    const answer = await readJson(await postBedrock(target, model, 'invoke', body, call));
    const embeddings = answer.embeddings;
    if (!Array.isArray(embeddings)) throw malformedUpstreamError(BEDROCK_LABEL, 'embeddings are missing');
    vectors.push(...embeddings.map(vectorOf));
  }
  const { countTokens } = await import('gpt-tokenizer');
  return { vectors, tokens: texts.reduce((sum, text) => sum + countTokens(text), 0) };
}

function encoded(vector: number[], base64: boolean): number[] | string {
  return base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
}

/** `/embeddings` on Titan or Cohere embedding models (InvokeModel), in OpenAI's list shape. */
export async function bedrockEmbeddings(
  target: BedrockTarget,
  model: string,
  call: ProviderCall,
): Promise<Json> {
  const texts = inputTexts(call.body.input);
  const family = model.replace(/^[a-z]{2,4}\./, '');
  const embed = family.startsWith('amazon.titan-embed')
    ? titan
    : family.startsWith('cohere.embed')
      ? cohere
      : undefined;
  if (!embed) {
    throw GatewayError.badRequest(
      `bedrock/ embeddings support amazon.titan-embed-* and cohere.embed-* models, not ${model}`,
      'model',
    );
  }
  const { vectors, tokens } = await embed(target, model, texts, call);
  const base64 = call.body.encoding_format === 'base64';
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: encoded(vector, base64),
    })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

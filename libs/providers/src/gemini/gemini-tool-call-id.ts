import { randomUUID } from 'node:crypto';

// Gemini 3 refuses a history whose function calls lost their `thoughtSignature`. OpenAI clients
// only echo the tool call id back, so the signature travels inside it (as LiteLLM does).
const SIGNATURE_SEPARATOR = '__thought__';

/** An OpenAI tool call id (`call_<random>`) carrying Gemini's thought signature when there is one. */
export function newToolCallId(signature: unknown): string {
  const id = `call_${randomUUID().replace(/-/g, '')}`;
  return typeof signature === 'string' && signature ? `${id}${SIGNATURE_SEPARATOR}${signature}` : id;
}

export function splitToolCallId(id: string): { id: string; signature?: string } {
  const at = id.indexOf(SIGNATURE_SEPARATOR);
  if (at < 0) return { id };
  return { id: id.slice(0, at), signature: id.slice(at + SIGNATURE_SEPARATOR.length) };
}

import { asArray, asObject, asString } from './json-fields';

export const DEFAULT_REPLY = 'Hello from mock-upstream';

/** Text of an OpenAI message `content`: a string or an array of `{type:'text', text}` parts. */
export function contentText(content: unknown): string {
  const text = asString(content);
  if (text !== undefined) return text;
  const parts = asArray(content);
  if (!parts) return '';
  return parts
    .map((part) => asString(asObject(part)?.['text']) ?? '')
    .filter((partText) => partText.length > 0)
    .join(' ');
}

/** `echo: some text` → `some text`; anything else → the fixed reply. */
export function replyFor(prompt: string): string {
  const trimmed = prompt.trimStart();
  return trimmed.startsWith('echo:') ? trimmed.slice('echo:'.length).trim() : DEFAULT_REPLY;
}

/** The mock's tokenizer: one token per whitespace-separated word, so one streamed word is one token. */
export function countTokens(text: string): number {
  let count = 0;
  for (const word of text.split(/\s+/)) if (word.length > 0) count += 1;
  return count;
}

/** Splits a reply into stream deltas of one word each, keeping the separating spaces. */
export function wordDeltas(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** Keeps the first `maxTokens` words; reports whether it cut anything. */
export function truncateToTokens(
  text: string,
  maxTokens: number | undefined,
): { text: string; truncated: boolean } {
  if (maxTokens === undefined) return { text, truncated: false };
  const deltas = wordDeltas(text);
  if (deltas.length <= maxTokens) return { text, truncated: false };
  return { text: deltas.slice(0, Math.max(0, maxTokens)).join('').trimEnd(), truncated: true };
}

import { countTokens } from 'gpt-tokenizer';

/** The prompt's size in tokens (o200k), for the router's context-window pre-call check. */
export function promptTokensOf(body: Record<string, unknown>): number {
  const source = body.messages ?? body.prompt ?? body.input ?? '';
  let text = '';
  const collect = (value: unknown): void => {
    if (typeof value === 'string') text += `${value}\n`;
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      for (const [key, field] of Object.entries(value)) if (key !== 'image_url') collect(field);
    }
  };
  collect(source);
  return countTokens(text, { disallowedSpecial: new Set<string>() });
}

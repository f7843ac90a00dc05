import { describe, expect, it } from 'vitest';

import { sseData } from './sse-data';

async function* bytes(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}

async function collect(source: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('sseData', () => {
  it('yields data fields across arbitrary chunk boundaries, including split UTF-8', async () => {
    const euro = new TextEncoder().encode('data: {"c":"€"}\n\n');
    async function* split(): AsyncGenerator<Uint8Array> {
      yield* bytes('data: {"a":1}\n', '\ndata: {"b"', ':2}\n\n');
      yield euro.slice(0, 14);
      yield euro.slice(14);
      yield* bytes(': comment\n\n', 'data: [DONE]\n\n');
    }
    expect(await collect(sseData(split()))).toEqual(['{"a":1}', '{"b":2}', '{"c":"€"}', '[DONE]']);
  });

  it('discards a last event cut off before its blank line, as the SSE spec says', async () => {
    expect(await collect(sseData(bytes('data: {"a":1}\n\ndata: tail')))).toEqual(['{"a":1}']);
  });
});

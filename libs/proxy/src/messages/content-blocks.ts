import { anthropicToolId } from './chat-to-message';
import { isObject, type Json } from './json-shapes';

export const streamEvent = (data: Json): string => JSON.stringify(data);
/** Anthropic numbers content blocks and closes each one before the next starts. */
export class ContentBlocks {
  private next = 0;
  private open: { kind: string; index: number } | undefined;
  /** OpenAI tool_call index → content block index. */
  private readonly tools = new Map<number, number>();

  get calledTools(): boolean {
    return this.tools.size > 0;
  }

  text(kind: 'text' | 'thinking', text: string): string[] {
    const out: string[] = [];
    let index = this.open?.kind === kind ? this.open.index : undefined;
    if (index === undefined)
      index = this.start(
        kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' },
        out,
      );
    const delta = kind === 'text' ? { type: 'text_delta', text } : { type: 'thinking_delta', thinking: text };
    out.push(streamEvent({ type: 'content_block_delta', index, delta }));
    return out;
  }

  toolCall(call: Json): string[] {
    const out: string[] = [];
    const position = typeof call.index === 'number' ? call.index : 0;
    const fn = isObject(call.function) ? call.function : {};
    let index = this.tools.get(position);
    if (index === undefined) {
      const block = {
        type: 'tool_use',
        id: anthropicToolId(call.id),
        name: String(fn.name ?? ''),
        input: {},
      };
      index = this.start(block, out);
      this.tools.set(position, index);
    }
    // A late fragment for an earlier call still names that call's block: Anthropic's SDK applies deltas by index.
    if (typeof fn.arguments === 'string' && fn.arguments !== '')
      out.push(
        streamEvent({
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: fn.arguments },
        }),
      );
    return out;
  }

  close(): string[] {
    if (!this.open) return [];
    const { index } = this.open;
    this.open = undefined;
    return [streamEvent({ type: 'content_block_stop', index })];
  }

  private start(block: Json, out: string[]): number {
    out.push(...this.close());
    const index = this.next++;
    this.open = { kind: String(block.type), index };
    out.push(streamEvent({ type: 'content_block_start', index, content_block: block }));
    return index;
  }
}

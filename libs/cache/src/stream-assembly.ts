type Json = Record<string, unknown>;

interface ChoiceState {
  content: string;
  text: string;
  finishReason: unknown;
  toolCalls: Array<{ id?: unknown; type?: unknown; function: { name: string; arguments: string } }>;
}

/**
 * Rebuilds the complete answer of a chat or text completion stream from its chunks, so a
 * streamed answer can be cached and served to later requests, streamed or not.
 */
export class StreamAssembly {
  private readonly choices = new Map<number, ChoiceState>();
  private first: Json | undefined;
  private usage: unknown;

  constructor(private readonly callType: 'chat' | 'completion') {}

  add(data: string): void {
    if (data === '[DONE]') return;
    let chunk: Json;
    try {
      chunk = JSON.parse(data) as Json;
    } catch {
      return;
    }
    this.first ??= chunk;
    if (chunk.usage) this.usage = chunk.usage;
    for (const choice of (chunk.choices as Json[] | undefined) ?? []) {
      const index = Number(choice.index ?? 0);
      let state = this.choices.get(index);
      if (!state) {
        state = { content: '', text: '', finishReason: null, toolCalls: [] };
        this.choices.set(index, state);
      }
      if (typeof choice.text === 'string') state.text += choice.text;
      if (choice.finish_reason) state.finishReason = choice.finish_reason;
      const delta = (choice.delta ?? {}) as Json;
      if (typeof delta.content === 'string') state.content += delta.content;
      for (const call of (delta.tool_calls as Json[] | undefined) ?? []) {
        const at = Number(call.index ?? 0);
        const fn = (call.function ?? {}) as Json;
        const existing = (state.toolCalls[at] ??= { function: { name: '', arguments: '' } });
        if (call.id) existing.id = call.id;
        if (call.type) existing.type = call.type;
        if (typeof fn.name === 'string') existing.function.name += fn.name;
        if (typeof fn.arguments === 'string') existing.function.arguments += fn.arguments;
      }
    }
  }

  /** The assembled answer; undefined when a choice never finished (a truncated stream). */
  result(): Json | undefined {
    if (!this.first || this.choices.size === 0) return undefined;
    const choices: Json[] = [];
    for (const [index, state] of [...this.choices].sort(([a], [b]) => a - b)) {
      if (!state.finishReason) return undefined;
      if (this.callType === 'completion') {
        choices.push({ index, text: state.text, logprobs: null, finish_reason: state.finishReason });
        continue;
      }
      const message: Json = {
        role: 'assistant',
        content: state.toolCalls.length && !state.content ? null : state.content,
      };
      if (state.toolCalls.length)
        message.tool_calls = state.toolCalls.map((call) => ({ type: 'function', ...call }));
      choices.push({ index, message, logprobs: null, finish_reason: state.finishReason });
    }
    return {
      id: this.first.id,
      object: this.callType === 'chat' ? 'chat.completion' : 'text_completion',
      created: this.first.created,
      model: this.first.model,
      choices,
      ...(this.usage ? { usage: this.usage } : {}),
    };
  }
}

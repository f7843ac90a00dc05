import { GatewayError } from '@switchyard/kernel';

import { splitToolCallId } from './gemini-tool-call-id';

type Json = Record<string, unknown>;

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  mov: 'video/mov',
};

/** A file part: data URLs inline, other URLs by reference (Gemini fetches them; we never download). */
function filePart(url: string, fallbackMime: string): Json {
  const data = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  if (data) return { inlineData: { mimeType: data[1], data: data[2] } };
  const extension = /\.([a-z0-9]+)$/i.exec(url.split(/[?#]/)[0] ?? '')?.[1]?.toLowerCase() ?? '';
  return { fileData: { mimeType: MIME_BY_EXTENSION[extension] ?? fallbackMime, fileUri: url } };
}

function parts(content: unknown): Json[] {
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  const out: Json[] = [];
  for (const part of content as Json[]) {
    if (part.type === 'image_url') {
      const image = part.image_url;
      const url = typeof image === 'string' ? image : (image as { url?: string } | undefined)?.url;
      if (url) out.push(filePart(url, 'image/jpeg'));
    } else if (part.type === 'file') {
      const file = (part.file ?? {}) as Json;
      const url = file.file_data ?? file.file_id;
      if (typeof url === 'string') out.push(filePart(url, String(file.format ?? 'application/pdf')));
    } else if (part.type === 'input_audio') {
      const audio = (part.input_audio ?? {}) as Json;
      out.push({ inlineData: { mimeType: `audio/${String(audio.format ?? 'wav')}`, data: audio.data } });
    } else if (typeof part.text === 'string' && part.text) {
      out.push({ text: part.text });
    }
  }
  return out;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as Json[]).map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
}

function parseArguments(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw GatewayError.badRequest(
      'tool_calls[].function.arguments must be a JSON object for Gemini',
      'messages',
    );
  }
}

function functionCallPart(call: Json): Json {
  const fn = (call.function ?? {}) as Json;
  const { signature } = splitToolCallId(String(call.id ?? ''));
  return {
    functionCall: { name: fn.name, args: parseArguments(fn.arguments) },
    ...(signature ? { thoughtSignature: signature } : {}),
  };
}

/** OpenAI messages → Gemini `contents` (user/model turns) and `systemInstruction`. */
export function geminiContents(messages: Json[]): { contents: Json[]; systemInstruction?: Json } {
  const system: Json[] = [];
  const contents: Json[] = [];
  // Gemini names a function response after its function; OpenAI links a tool result by call id.
  const toolNames = new Map<string, unknown>();
  const push = (role: 'user' | 'model', turn: Json[]) => {
    if (turn.length === 0) return;
    const last = contents.at(-1);
    // Gemini wants alternating turns: consecutive turns of one role are merged.
    if (last && last.role === role) (last.parts as Json[]).push(...turn);
    else contents.push({ role, parts: turn });
  };
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') {
      system.push(...parts(message.content));
    } else if (message.role === 'assistant') {
      const turn = parts(message.content);
      for (const call of (message.tool_calls as Json[] | undefined) ?? []) {
        toolNames.set(String(call.id), (call.function as Json | undefined)?.name);
        turn.push(functionCallPart(call));
      }
      push('model', turn);
    } else if (message.role === 'tool') {
      const name = toolNames.get(String(message.tool_call_id)) ?? message.name ?? '';
      push('user', [{ functionResponse: { name, response: { content: textOf(message.content) } } }]);
    } else {
      push('user', parts(message.content));
    }
  }
  return system.length > 0 ? { contents, systemInstruction: { parts: system } } : { contents };
}

import type { OpenAiCompatibleProvider } from '@switchyard/config';

/**
 * Default base URLs of the OpenAI-compatible family (LiteLLM's prefixes). `api_base` in the
 * deployment (or the provider's `*_API_BASE` variable) overrides them; hosted_vllm has none.
 */
export const OPENAI_COMPATIBLE_BASES: Readonly<Record<OpenAiCompatibleProvider, string | undefined>> = {
  groq: 'https://api.groq.com/openai/v1',
  mistral: 'https://api.mistral.ai/v1',
  deepseek: 'https://api.deepseek.com/v1',
  openrouter: 'https://openrouter.ai/api/v1',
  together_ai: 'https://api.together.xyz/v1',
  fireworks_ai: 'https://api.fireworks.ai/inference/v1',
  xai: 'https://api.x.ai/v1',
  perplexity: 'https://api.perplexity.ai',
  hosted_vllm: undefined,
  // Ollama's OpenAI-compatible endpoint; ollama_chat is served by the same one.
  ollama: 'http://localhost:11434/v1',
  ollama_chat: 'http://localhost:11434/v1',
};

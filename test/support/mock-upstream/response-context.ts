/** Per-response fields shared by every body and chunk of one answer. */
export interface ResponseContext {
  id: string;
  created: number;
  /** The model reported back: the request's model, or the deployment's underlying model on Azure. */
  model: string;
  azure: boolean;
  /** Add Azure's content-filter annotations. */
  azureFilters: boolean;
}

export const SYSTEM_FINGERPRINT = 'fp_mock00001';

const SAFE = { filtered: false, severity: 'safe' } as const;

export const AZURE_CONTENT_FILTER_RESULTS = {
  hate: SAFE,
  self_harm: SAFE,
  sexual: SAFE,
  violence: SAFE,
} as const;

export const azurePromptFilterResults = (): {
  prompt_index: number;
  content_filter_results: typeof AZURE_CONTENT_FILTER_RESULTS;
}[] => [{ prompt_index: 0, content_filter_results: AZURE_CONTENT_FILTER_RESULTS }];

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

export const usage = (promptTokens: number, completionTokens: number): Usage => ({
  prompt_tokens: promptTokens,
  completion_tokens: completionTokens,
  total_tokens: promptTokens + completionTokens,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
});

export const sseEvent = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;

export const SSE_DONE = 'data: [DONE]\n\n';

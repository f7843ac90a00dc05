import { randomUUID } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { nextId } from './ids';

/** Headers OpenAI sends on every answer (gateways forward the rate-limit ones). */
export function openAIHeaders(): OutgoingHttpHeaders {
  return {
    'x-request-id': nextId('req_'),
    'openai-organization': 'org-mock',
    'openai-processing-ms': '1',
    'openai-version': '2020-10-01',
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-remaining-requests': '9999',
    'x-ratelimit-reset-requests': '6ms',
    'x-ratelimit-limit-tokens': '30000000',
    'x-ratelimit-remaining-tokens': '29999000',
    'x-ratelimit-reset-tokens': '0s',
  };
}

export function azureHeaders(): OutgoingHttpHeaders {
  const requestId = randomUUID();
  return {
    'apim-request-id': requestId,
    'x-request-id': requestId,
    'x-ms-region': 'Sweden Central',
    'x-ratelimit-remaining-requests': '999',
    'x-ratelimit-remaining-tokens': '99000',
  };
}

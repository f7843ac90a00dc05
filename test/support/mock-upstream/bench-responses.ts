import type { OutgoingHttpHeaders } from 'node:http';
import { chatCompletionBody, chatCompletionChunks, planChat } from './chat';
import { unixSeconds } from './ids';
import { openAIHeaders } from './provider-headers';
import type { ResponseContext } from './response-context';

/** Requests for this model get a precomputed answer, so the mock costs as little as possible under load. */
export const BENCH_MODEL = 'bench';

export interface BenchResponses {
  jsonHeaders: OutgoingHttpHeaders;
  json: Buffer;
  streamHeaders: OutgoingHttpHeaders;
  events: readonly string[];
  eventsWithUsage: readonly string[];
}

export function buildBenchResponses(): BenchResponses {
  const ctx: ResponseContext = {
    id: 'chatcmpl-bench0000000000000000000000',
    created: unixSeconds(),
    model: BENCH_MODEL,
    azure: false,
    azureFilters: false,
  };
  const plan = planChat({ model: BENCH_MODEL }, [{ role: 'user', content: 'hi' }]);
  const json = Buffer.from(JSON.stringify(chatCompletionBody(ctx, plan, true)));
  const headers = openAIHeaders();
  return {
    jsonHeaders: { ...headers, 'content-type': 'application/json', 'content-length': json.length },
    json,
    streamHeaders: headers,
    events: chatCompletionChunks(ctx, plan, false),
    eventsWithUsage: chatCompletionChunks(ctx, plan, true),
  };
}

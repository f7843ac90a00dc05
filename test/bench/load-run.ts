import autocannon from 'autocannon';
import { CHAT_BODY, CHAT_PATH, JSON_HEADERS } from './request-bodies';

export interface LoadResult {
  connections: number;
  durationS: number;
  requestsPerSec: number;
  /** Responses received, any status. */
  completed: number;
  /** 2xx responses. */
  ok: number;
  /** Requests written, including those still in flight when the run stopped (autocannon drops them). */
  sent: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** autocannon's latency percentiles (whole milliseconds). */
  p50Ms: number;
  p99Ms: number;
}

/** Closed-loop load: `connections` keep-alive connections, each sending the next request when the last answer lands. */
export async function runLoad(origin: string, connections: number, seconds: number): Promise<LoadResult> {
  const result = await autocannon({
    url: `${origin}${CHAT_PATH}`,
    method: 'POST',
    headers: JSON_HEADERS,
    body: CHAT_BODY,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
  });
  return {
    connections,
    durationS: result.duration,
    requestsPerSec: result.requests.total / result.duration,
    completed: result.requests.total,
    ok: result['2xx'],
    sent: result.requests.sent,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

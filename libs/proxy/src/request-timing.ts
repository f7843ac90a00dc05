import { performance } from 'node:perf_hooks';

/** Stage timestamps of one proxied request (ms, `performance.now()`). */
export interface RequestTiming {
  readonly started: number;
  authDone: number;
  routed: number;
  upstreamStarted: number;
  upstreamDone: number;
}

export function startTiming(started: number): RequestTiming {
  return { started, authDone: started, routed: started, upstreamStarted: started, upstreamDone: started };
}

const ms = (value: number): string => value.toFixed(3);

/**
 * @hotpath `x-litellm-overhead-duration-ms` (time in the gateway, upstream excluded) and
 * `Server-Timing` with the stages, as of now. For streams "upstream" is the time to first chunk.
 */
export function timingHeaders(timing: RequestTiming): Record<string, string> {
  const now = performance.now();
  // An error thrown while the upstream call was running: the upstream had the time until now.
  if (timing.upstreamDone < timing.upstreamStarted) timing.upstreamDone = now;
  const total = now - timing.started;
  const upstream = timing.upstreamDone - timing.upstreamStarted;
  return {
    'x-litellm-overhead-duration-ms': ms(total - upstream),
    'server-timing': `auth;dur=${ms(timing.authDone - timing.started)}, routing;dur=${ms(timing.routed - timing.authDone)}, upstream;dur=${ms(upstream)}, total;dur=${ms(total)}`,
  };
}

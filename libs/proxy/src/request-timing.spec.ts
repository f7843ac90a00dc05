import { describe, expect, it } from 'vitest';

import { startTiming, timingHeaders } from './request-timing';

describe('timingHeaders', () => {
  it('reports the overhead as total minus upstream, and each stage in Server-Timing', () => {
    const started = performance.now() - 10;
    const timing = startTiming(started);
    timing.authDone = started + 1;
    timing.routed = started + 1.5;
    timing.upstreamStarted = started + 2;
    timing.upstreamDone = started + 8;

    const headers = timingHeaders(timing);
    const total = Number(/total;dur=([\d.]+)/.exec(headers['server-timing']!)?.[1]);
    expect(headers['server-timing']).toMatch(
      /^auth;dur=1\.000, routing;dur=0\.500, upstream;dur=6\.000, total;dur=/,
    );
    expect(Number(headers['x-litellm-overhead-duration-ms'])).toBeCloseTo(total - 6, 2);
  });
});

import { AggregatorRegistry, Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { SeriesCounter, SeriesGauge, SeriesHistogram, seriesKey } from './series';

const BUCKETS = [0.01, 0.1, 1, 10];
const LABELS = ['model', 'team'] as const;

describe('series instruments', () => {
  it('expose the same text as prom-client instruments fed the same values', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const counter = new SeriesCounter(ours, 'calls_total', 'Calls', LABELS);
    const histogram = new SeriesHistogram(ours, 'latency_seconds', 'Latency', LABELS, BUCKETS);
    const refCounter = new Counter({
      name: 'calls_total',
      help: 'Calls',
      labelNames: LABELS,
      registers: [theirs],
    });
    const refHistogram = new Histogram({
      name: 'latency_seconds',
      help: 'Latency',
      labelNames: LABELS,
      buckets: BUCKETS,
      registers: [theirs],
    });
    const observations: [string, string, number][] = [
      ['gpt-4o', 'a', 0.005],
      ['gpt-4o', 'a', 0.1],
      ['gpt-4o', 'b', 3],
      ['claude', 'None', 42],
      ['gpt-4o', 'a', 0.5],
    ];
    for (const [model, team, value] of observations) {
      counter.cell({ model, team }).inc(2);
      histogram.cell({ model, team }).observe(value);
      refCounter.inc({ model, team }, 2);
      refHistogram.observe({ model, team }, value);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('keep one cell per label set, ignore what a counter cannot count, and reset in place', async () => {
    const registry = new Registry();
    const counter = new SeriesCounter(registry, 'c_total', 'C', LABELS);
    const cell = counter.cell({ model: 'm', team: 't', extra: 'ignored' });
    expect(counter.cell({ team: 't', model: 'm' })).toBe(cell);
    cell.inc(-1);
    cell.inc(Number.NaN);
    cell.inc(Infinity);
    cell.inc(0.5);
    expect(cell.value).toBe(0.5);
    registry.resetMetrics();
    expect(cell.value).toBe(0);
    cell.inc();
    expect(await registry.metrics()).toContain('c_total{model="m",team="t"} 1');
    expect(() => counter.cell({ model: 'm' })).toThrow(/label "team"/);
  });

  it('aggregate across cluster workers as prom-client does (counters and histograms summed, gauges by aggregator)', async () => {
    const workers = [new Registry(), new Registry()];
    for (const [index, registry] of workers.entries()) {
      new SeriesCounter(registry, 'c_total', 'C', LABELS).cell({ model: 'm', team: 't' }).inc(index + 1);
      new SeriesGauge(registry, 'remaining', 'R', LABELS, 'min')
        .cell({ model: 'm', team: 't' })
        .set(10 - index);
      new SeriesHistogram(registry, 'h', 'H', LABELS, BUCKETS).cell({ model: 'm', team: 't' }).observe(0.05);
    }
    const merged = AggregatorRegistry.aggregate(await Promise.all(workers.map((r) => r.getMetricsAsJSON())));
    const text = await merged.metrics();
    expect(text).toContain('c_total{model="m",team="t"} 3');
    expect(text).toContain('remaining{model="m",team="t"} 9');
    expect(text).toContain('h_bucket{le="0.1",model="m",team="t"} 2');
    expect(text).toContain('h_count{model="m",team="t"} 2');
  });

  it('key a tuple of values with null apart from the string "None"', () => {
    expect(seriesKey([null, 'a'])).not.toBe(seriesKey(['None', 'a']));
    expect(seriesKey(['a', 'b'])).not.toBe(seriesKey(['ab', '']));
  });
});

import type { Metric, MetricObjectWithValues, MetricValue, Registry } from 'prom-client';

type Labels = Readonly<Record<string, string>>;
type Aggregator = 'sum' | 'min' | 'max' | 'first';

/** One labelled series of a counter or gauge: increments and sets touch a number, nothing else. */
export class ValueCell {
  value = 0;
  constructor(readonly labels: Labels) {}

  /** Counters only go up: negative, NaN and infinite amounts are ignored instead of thrown. */
  inc(amount = 1): void {
    if (amount >= 0 && amount !== Infinity) this.value += amount;
  }

  set(value: number): void {
    this.value = value;
  }
}

/** One labelled series of a histogram: a count per bucket (not cumulative), the sum and the count. */
export class HistogramCell {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(
    readonly labels: Labels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    const { bounds } = this;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]!) {
        this.counts[i]! += 1;
        break;
      }
    }
    this.sum += value;
    this.count += 1;
  }
}

/** One string for a tuple of label values; null stays apart from the string "None". */
export function seriesKey(values: readonly (string | null)[]): string {
  let key = '';
  for (const value of values) key += value === null ? '\u0000\u0001' : `${value}\u0001`;
  return key;
}

/**
 * A labelled instrument that speaks prom-client's metric protocol (`get`, `reset`, registered in a
 * Registry, aggregated across cluster workers) but hands out its series as cells to keep. prom-client
 * hashes the label object on every `inc`/`observe` (~1 µs per call, a dozen calls per request); a
 * caller that keeps the cells of a request's label set pays that once per label set instead.
 */
abstract class SeriesMetric<C extends { readonly labels: Labels }> {
  protected readonly cells = new Map<string, C>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' | 'histogram',
    readonly labelNames: readonly string[],
    readonly aggregator: Aggregator,
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** The series of these labels (every label name, string values), made on first use. */
  cell(labels: Labels): C {
    let key = '';
    for (const name of this.labelNames) {
      const value = labels[name];
      if (typeof value !== 'string') throw new TypeError(`${this.name}: label "${name}" has no value`);
      key += `${value}\u0001`;
    }
    let cell = this.cells.get(key);
    if (!cell) {
      const own: Record<string, string> = {};
      for (const name of this.labelNames) own[name] = labels[name]!;
      cell = this.create(own);
      this.cells.set(key, cell);
    }
    return cell;
  }

  /** Zeroes every series in place, so cells held by callers stay the registry's. */
  abstract reset(): void;

  abstract get(): Promise<MetricObjectWithValues<MetricValue<string>>>;

  protected abstract create(labels: Labels): C;

  protected result(values: MetricValue<string>[]): MetricObjectWithValues<MetricValue<string>> {
    const result = { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
    return result as unknown as MetricObjectWithValues<MetricValue<string>>;
  }
}

/** Counters and gauges: one number per series. */
abstract class ValueSeries extends SeriesMetric<ValueCell> {
  reset(): void {
    for (const cell of this.cells.values()) cell.value = 0;
  }

  get(): Promise<MetricObjectWithValues<MetricValue<string>>> {
    const values: MetricValue<string>[] = [];
    for (const cell of this.cells.values()) values.push({ labels: cell.labels, value: cell.value });
    return Promise.resolve(this.result(values));
  }

  protected create(labels: Labels): ValueCell {
    return new ValueCell(labels);
  }
}

export class SeriesCounter extends ValueSeries {
  constructor(registry: Registry, name: string, help: string, labelNames: readonly string[]) {
    super(name, help, 'counter', labelNames, 'sum', registry);
  }
}

/** A gauge whose series exist from their first `set`. */
export class SeriesGauge extends ValueSeries {
  constructor(
    registry: Registry,
    name: string,
    help: string,
    labelNames: readonly string[],
    aggregator: Aggregator,
  ) {
    super(name, help, 'gauge', labelNames, aggregator, registry);
  }
}

export class SeriesHistogram extends SeriesMetric<HistogramCell> {
  private readonly bounds: readonly number[];

  constructor(
    registry: Registry,
    name: string,
    help: string,
    labelNames: readonly string[],
    buckets: readonly number[],
  ) {
    super(name, help, 'histogram', labelNames, 'sum', registry);
    this.bounds = [...new Set(buckets.filter((b) => Number.isFinite(b)))].sort((a, b) => a - b);
  }

  reset(): void {
    for (const cell of this.cells.values()) {
      cell.counts.fill(0);
      cell.sum = 0;
      cell.count = 0;
    }
  }

  /** prom-client's histogram values: cumulative `_bucket` series with `le`, then `+Inf`, `_sum`, `_count`. */
  get(): Promise<MetricObjectWithValues<MetricValue<string>>> {
    const values: MetricValue<string>[] = [];
    const bucket = `${this.name}_bucket`;
    for (const cell of this.cells.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.bounds.length; i++) {
        cumulative += cell.counts[i]!;
        values.push(point(bucket, { le: this.bounds[i]!, ...cell.labels }, cumulative));
      }
      values.push(point(bucket, { le: '+Inf', ...cell.labels }, cell.count));
      values.push(point(`${this.name}_sum`, cell.labels, cell.sum));
      values.push(point(`${this.name}_count`, cell.labels, cell.count));
    }
    return Promise.resolve(this.result(values));
  }

  protected create(labels: Labels): HistogramCell {
    return new HistogramCell(labels, this.bounds);
  }
}

function point(
  metricName: string,
  labels: Readonly<Record<string, string | number>>,
  value: number,
): MetricValue<string> {
  return { metricName, labels, value } as MetricValue<string>;
}

import cluster from 'node:cluster';

import { AggregatorRegistry, type Registry } from 'prom-client';

const REQUEST = 'switchyard:metrics:request';
const RESPONSE = 'switchyard:metrics:response';
/** prom-client's primary gives up on a silent worker after 5 s. */
const ANSWER_TIMEOUT_MS = 6_000;

interface ScrapeRequest {
  readonly type: typeof REQUEST;
  readonly id: number;
}

interface ScrapeResponse {
  readonly type: typeof RESPONSE;
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}

function isMessage<T extends { type: string }>(message: unknown, type: T['type']): message is T {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}

/**
 * In the primary of `--num_workers N` (node:cluster): a scrape reaching any worker gets the metrics
 * of every worker, aggregated by prom-client (counters and histograms summed, gauges by their
 * `aggregator`). Without it each worker only reports itself.
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage<ScrapeRequest>(message, REQUEST)) return;
    const answer = (response: Omit<ScrapeResponse, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: RESPONSE, id: message.id, ...response }, () => undefined);
    };
    aggregator.clusterMetrics().then(
      (text) => answer({ text }),
      (error: Error) => answer({ error: error.message }),
    );
  });
}

/**
 * A cluster worker's side: hands `registry` to the primary's collections and asks the primary for
 * the cluster-wide text. When the primary does not answer (it does not serve cluster metrics) the
 * worker stops asking and reports its own registry.
 */
export class ClusterScrape {
  private nextId = 0;
  private readonly pending = new Map<number, (response: ScrapeResponse) => void>();
  /** Undefined until the primary answers once (or fails to). */
  private primaryServes: boolean | undefined;

  constructor(private readonly registry: Registry) {
    AggregatorRegistry.setRegistries([registry]);
    // Installs prom-client's listener that answers the primary's collection requests.
    new AggregatorRegistry();
    process.on('message', (message: unknown) => {
      if (!isMessage<ScrapeResponse>(message, RESPONSE)) return;
      this.pending.get(message.id)?.(message);
    });
  }

  async metrics(): Promise<string> {
    if (this.primaryServes === false || !process.send) return this.registry.metrics();
    const id = this.nextId++;
    try {
      const response = await new Promise<ScrapeResponse | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), ANSWER_TIMEOUT_MS);
        this.pending.set(id, (answer) => {
          clearTimeout(timer);
          resolve(answer);
        });
        process.send?.({ type: REQUEST, id } satisfies ScrapeRequest, undefined, {}, (error) => {
          if (error) {
            clearTimeout(timer);
            resolve(undefined);
          }
        });
      });
      if (response === undefined) {
        // Never answered: the primary does not serve cluster metrics. Once it has, a lost answer is
        // only this scrape's problem.
        this.primaryServes ??= false;
        return this.registry.metrics();
      }
      this.primaryServes = true;
      if (response.text === undefined) throw new Error(response.error ?? 'no cluster metrics');
      return response.text;
    } finally {
      this.pending.delete(id);
    }
  }
}

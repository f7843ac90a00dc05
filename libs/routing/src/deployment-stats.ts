import { Injectable } from '@nestjs/common';

interface Stats {
  inFlight: number;
  /** Moving average of latency (time to first token for streams), ms; undefined until measured. */
  latencyMs: number | undefined;
  /** This replica's requests and tokens in `minute`, plus the totals all replicas reported. */
  minute: number;
  requests: number;
  tokens: number;
  /** How much of `requests`/`tokens` was already added to the shared counters. */
  reportedRequests: number;
  reportedTokens: number;
  sharedRequests: number;
  sharedTokens: number;
}

export interface UsageDelta {
  readonly id: string;
  readonly minute: number;
  readonly requests: number;
  readonly tokens: number;
}

// Weight of the newest sample in the latency average.
const LATENCY_ALPHA = 0.2;

const currentMinute = (): number => Math.floor(Date.now() / 60_000);

/** What the routing strategies know about each deployment, by deployment id. */
@Injectable()
export class DeploymentStats {
  private readonly stats = new Map<string, Stats>();

  private of(id: string): Stats {
    let stats = this.stats.get(id);
    if (!stats) {
      stats = {
        inFlight: 0,
        latencyMs: undefined,
        minute: currentMinute(),
        requests: 0,
        tokens: 0,
        reportedRequests: 0,
        reportedTokens: 0,
        sharedRequests: 0,
        sharedTokens: 0,
      };
      this.stats.set(id, stats);
    }
    const minute = currentMinute();
    if (stats.minute !== minute) {
      stats.minute = minute;
      stats.requests = stats.tokens = stats.sharedRequests = stats.sharedTokens = 0;
      stats.reportedRequests = stats.reportedTokens = 0;
    }
    return stats;
  }

  /** @hotpath */
  started(id: string): void {
    const stats = this.of(id);
    stats.inFlight += 1;
    stats.requests += 1;
  }

  /** @hotpath The request's latency (time to first token for streams), once known. */
  measured(id: string, latencyMs: number): void {
    const stats = this.of(id);
    stats.latencyMs =
      stats.latencyMs === undefined
        ? latencyMs
        : stats.latencyMs + LATENCY_ALPHA * (latencyMs - stats.latencyMs);
  }

  /** @hotpath The request is over (answered, streamed to the end, or failed). */
  finished(id: string, tokens: number): void {
    const stats = this.of(id);
    stats.inFlight = Math.max(0, stats.inFlight - 1);
    stats.tokens += tokens;
  }

  inFlight(id: string): number {
    return this.stats.get(id)?.inFlight ?? 0;
  }

  latencyMs(id: string): number | undefined {
    return this.stats.get(id)?.latencyMs;
  }

  /** Requests and tokens this minute: the shared totals when known, else this replica's own. */
  usage(id: string): { requests: number; tokens: number } {
    const stats = this.of(id);
    return {
      requests: Math.max(stats.requests, stats.sharedRequests),
      tokens: Math.max(stats.tokens, stats.sharedTokens),
    };
  }

  /** This replica's counts since the last report, to add to the shared counters. */
  takeUnreported(): UsageDelta[] {
    const minute = currentMinute();
    const deltas: UsageDelta[] = [];
    for (const [id, stats] of this.stats) {
      if (stats.minute !== minute) continue;
      const requests = stats.requests - stats.reportedRequests;
      const tokens = stats.tokens - stats.reportedTokens;
      if (requests === 0 && tokens === 0) continue;
      stats.reportedRequests = stats.requests;
      stats.reportedTokens = stats.tokens;
      deltas.push({ id, minute, requests, tokens });
    }
    return deltas;
  }

  /** The all-replica totals for this minute, from the shared counters. */
  setShared(id: string, minute: number, requests: number, tokens: number): void {
    const stats = this.of(id);
    if (stats.minute !== minute) return;
    stats.sharedRequests = requests;
    stats.sharedTokens = tokens;
  }
}

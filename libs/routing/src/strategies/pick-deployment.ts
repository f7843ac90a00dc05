import type { DeploymentConfig, RoutingPolicy } from '@switchyard/config';
import { priceOf } from '@switchyard/spend';

import type { DeploymentStats } from '../deployment-stats';
import { shuffleWeights, WeightedPicker } from '../weighted-picker';

export interface Candidate {
  readonly config: DeploymentConfig;
  readonly upstreamModel: string;
}

function randomOf<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/** All candidates whose score equals the best (lowest) one. */
function lowest<T extends Candidate>(candidates: readonly T[], score: (c: T) => number): T[] {
  let best = Infinity;
  let chosen: T[] = [];
  for (const candidate of candidates) {
    const value = score(candidate);
    if (value < best) {
      best = value;
      chosen = [candidate];
    } else if (value === best) chosen.push(candidate);
  }
  return chosen.length > 0 ? chosen : [...candidates];
}

/** usage-based-routing: the fraction of this minute's rpm/tpm used (Infinity once over a limit). */
function usedShare(candidate: Candidate, stats: DeploymentStats): number {
  const { rpm, tpm } = candidate.config.params;
  const { requests, tokens } = stats.usage(candidate.config.info.id);
  if (rpm === undefined && tpm === undefined) return tokens / 1e9;
  let share = 0;
  if (rpm !== undefined) share = Math.max(share, rpm === 0 ? Infinity : requests / rpm);
  if (tpm !== undefined) share = Math.max(share, tpm === 0 ? Infinity : tokens / tpm);
  return share;
}

function latencyPick<T extends Candidate>(
  candidates: readonly T[],
  stats: DeploymentStats,
  buffer: number,
): T {
  // A deployment never measured is tried first: its latency is unknown, not infinite.
  const unmeasured = candidates.filter((c) => stats.latencyMs(c.config.info.id) === undefined);
  if (unmeasured.length > 0) return randomOf(unmeasured);
  const latency = (c: T) => stats.latencyMs(c.config.info.id) as number;
  const fastest = Math.min(...candidates.map(latency));
  return randomOf(candidates.filter((c) => latency(c) <= fastest * (1 + buffer)));
}

/** Picks one of `candidates` (all available, same priority tier) by the configured strategy. */
export function pickDeployment<T extends Candidate>(
  candidates: readonly T[],
  policy: RoutingPolicy,
  stats: DeploymentStats,
): T {
  if (candidates.length === 1) return candidates[0] as T;
  switch (policy.strategy) {
    case 'least-busy':
      return randomOf(lowest(candidates, (c) => stats.inFlight(c.config.info.id)));
    case 'latency-based-routing':
      return latencyPick(candidates, stats, policy.latencyBuffer);
    case 'usage-based-routing':
    case 'usage-based-routing-v2': {
      const open = candidates.filter((c) => usedShare(c, stats) < 1);
      return randomOf(lowest(open.length > 0 ? open : candidates, (c) => usedShare(c, stats)));
    }
    case 'cost-based-routing':
      return randomOf(
        lowest(candidates, (c) => {
          const price = priceOf(c.config, c.upstreamModel);
          return price ? price.input + price.output : Infinity;
        }),
      );
    case 'simple-shuffle':
    case 'provider-budget-routing': {
      const weights = shuffleWeights(candidates.map((c) => c.config));
      return candidates[new WeightedPicker(weights).pick()] as T;
    }
  }
}

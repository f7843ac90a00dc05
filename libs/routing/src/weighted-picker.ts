import type { DeploymentConfig } from '@switchyard/config';

type WeightKey = 'weight' | 'rpm' | 'tpm';

/**
 * LiteLLM's simple-shuffle weights: by `weight` if any deployment sets it, else by `rpm`,
 * else by `tpm`, else uniform. Deployments missing the chosen key count as the average.
 */
export function shuffleWeights(deployments: readonly DeploymentConfig[]): number[] {
  const key = (['weight', 'rpm', 'tpm'] as const).find((k: WeightKey) =>
    deployments.some((d) => d.params[k] !== undefined),
  );
  if (!key) return deployments.map(() => 1);
  const set = deployments.map((d) => d.params[key]).filter((v): v is number => v !== undefined);
  const average = set.reduce((a, b) => a + b, 0) / set.length;
  return deployments.map((d) => Math.max(0, d.params[key] ?? average));
}

/** Picks an index with probability proportional to its weight; cumulative sums built once. */
export class WeightedPicker {
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(weights: readonly number[]) {
    let sum = 0;
    this.cumulative = weights.map((w) => (sum += w));
    this.total = sum;
  }

  /** @hotpath */
  pick(random: number = Math.random()): number {
    const last = this.cumulative.length - 1;
    if (last <= 0 || this.total <= 0) return last <= 0 ? 0 : Math.floor(random * (last + 1));
    const target = random * this.total;
    for (let i = 0; i < last; i++) {
      if (target < (this.cumulative[i] as number)) return i;
    }
    return last;
  }
}

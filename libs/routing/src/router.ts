import { Inject, Injectable } from '@nestjs/common';
import {
  GATEWAY_CONFIG,
  type DeploymentConfig,
  type GatewayConfig,
  type RoutingPolicy,
} from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';
import { ModelRegistry, upstreamModelFor } from '@switchyard/models';
import { ProviderRegistry, type BoundDeployment } from '@switchyard/providers';

import { Cooldowns } from './cooldowns';
import { DeploymentHealth } from './deployment-health';
import { DeploymentStats } from './deployment-stats';
import { pickDeployment, type Candidate } from './strategies/pick-deployment';
import { shuffleWeights, WeightedPicker } from './weighted-picker';

/** The deployment chosen for one request. */
export interface Route {
  readonly group: string;
  readonly deployment: BoundDeployment;
  readonly upstreamModel: string;
  /** How many deployments the group has (a lone deployment never cools down). */
  readonly groupSize: number;
}

export interface RouteRequest {
  /** Deployment ids already tried for this request: avoided while the group has others. */
  readonly exclude?: ReadonlySet<string>;
  /** The prompt's size in tokens, for `enable_pre_call_checks` (asked only when needed). */
  readonly promptTokens?: () => number;
}

/** The error when a group has deployments but none can take the request now. */
export function noDeploymentAvailable(
  model: string,
  seconds: number,
  cooling: readonly string[],
): GatewayError {
  return new GatewayError(
    `No deployments available for selected model, Try again in ${seconds} seconds. Passed model=${model}. cooldown_list=${JSON.stringify(cooling)}`,
    { status: 503, type: 'api_error', headers: { 'retry-after': String(seconds) } },
  );
}

/**
 * Chooses a deployment of the requested model group: skips deployments cooling down, failing
 * their health checks, too small for the prompt or already tried; keeps to the best `order`
 * tier; then applies the routing strategy.
 */
@Injectable()
export class Router {
  // Keyed by the catalog's objects: a reloaded catalog brings new ones, the old ones are collected.
  private readonly bound = new WeakMap<DeploymentConfig, BoundDeployment>();
  private readonly pickers = new WeakMap<readonly DeploymentConfig[], WeightedPicker | null>();
  private readonly policy: RoutingPolicy;

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly registry: ModelRegistry,
    private readonly cooldowns: Cooldowns,
    private readonly health: DeploymentHealth,
    readonly stats: DeploymentStats,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.policy = config.routing;
    for (const deployment of registry.catalog.allDeployments()) this.bind(deployment);
  }

  /**
   * @hotpath Undefined when no group or wildcard route matches `model`; throws 503 when the group
   * has no deployment available, 400 `context_length_exceeded` when none fits the prompt.
   */
  route(model: string, request: RouteRequest = {}): Route | undefined {
    const resolved = this.registry.catalog.resolve(model);
    if (!resolved) return undefined;
    const { deployments, wildcardMatch } = resolved;
    const fast = this.fastPicker(deployments, request);
    const chosen =
      fast !== undefined
        ? (deployments[fast.pick()] as DeploymentConfig)
        : this.choose(model, deployments, wildcardMatch, request);
    return {
      group: resolved.group,
      deployment: this.bound.get(chosen) ?? this.bind(chosen),
      upstreamModel: upstreamModelFor(chosen, wildcardMatch),
      groupSize: deployments.length,
    };
  }

  /** Whether `model` names a group, alias or wildcard route. */
  knows(model: string): boolean {
    return this.registry.catalog.resolve(model) !== undefined;
  }

  /** @hotpath The group `model` resolves to (through aliases and wildcards). */
  groupOf(model: string): string | undefined {
    return this.registry.catalog.resolve(model)?.group;
  }

  /** The bound deployment of a config (for health checks). */
  binding(deployment: DeploymentConfig): BoundDeployment {
    return this.bound.get(deployment) ?? this.bind(deployment);
  }

  /** simple-shuffle with nothing to filter: a precomputed weighted pick, no allocation. */
  private fastPicker(
    deployments: readonly DeploymentConfig[],
    request: RouteRequest,
  ): WeightedPicker | undefined {
    if (this.policy.strategy !== 'simple-shuffle' || this.policy.preCallChecks) return undefined;
    if (request.exclude?.size || this.cooldowns.any() || this.health.any()) return undefined;
    let picker = this.pickers.get(deployments);
    if (picker === undefined) {
      // Priority tiers need filtering: no fast path for groups that use `order`.
      picker = deployments.some((d) => d.params.extra.order !== undefined)
        ? null
        : new WeightedPicker(shuffleWeights(deployments));
      this.pickers.set(deployments, picker);
    }
    return picker ?? undefined;
  }

  private choose(
    model: string,
    deployments: readonly DeploymentConfig[],
    wildcardMatch: string | undefined,
    request: RouteRequest,
  ): DeploymentConfig {
    let candidates: Candidate[] = deployments.map((config) => ({
      config,
      upstreamModel: upstreamModelFor(config, wildcardMatch),
    }));
    if (this.policy.preCallChecks && request.promptTokens) {
      const tokens = request.promptTokens();
      candidates = candidates.filter((c) => (c.config.info.maxInputTokens ?? Infinity) >= tokens);
      if (candidates.length === 0) {
        throw new GatewayError(
          `litellm.ContextWindowExceededError: the prompt (${tokens} tokens) is larger than the context window of every deployment of model=${model}`,
          { status: 400, type: 'invalid_request_error' },
        );
      }
    }
    const now = Date.now();
    const cooling = candidates.filter((c) => this.cooldowns.isCooling(c.config.info.id, now));
    if (deployments.length > 1) candidates = candidates.filter((c) => !cooling.includes(c));
    if (candidates.length === 0) {
      const ids = cooling.map((c) => c.config.info.id);
      throw noDeploymentAvailable(model, this.cooldowns.secondsUntilAvailable(ids), ids);
    }
    // Health checks and earlier attempts steer away from a deployment, never empty the group.
    candidates = preferring(candidates, (c) => this.health.isHealthy(c.config.info.id));
    const exclude = request.exclude;
    if (exclude?.size) candidates = preferring(candidates, (c) => !exclude.has(c.config.info.id));
    const tier = Math.min(...candidates.map(orderOf));
    candidates = candidates.filter((c) => orderOf(c) === tier);
    return pickDeployment(candidates, this.policy, this.stats).config;
  }

  private bind(deployment: DeploymentConfig): BoundDeployment {
    const bound = this.providers.bind(deployment);
    this.bound.set(deployment, bound);
    return bound;
  }
}

function orderOf(candidate: Candidate): number {
  const order = candidate.config.params.extra.order;
  return typeof order === 'number' ? order : Infinity;
}

function preferring<T>(items: T[], wanted: (item: T) => boolean): T[] {
  const kept = items.filter(wanted);
  return kept.length > 0 ? kept : items;
}

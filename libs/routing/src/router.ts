import { Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';
import { ModelRegistry, upstreamModelFor } from '@switchyard/models';
import { ProviderRegistry, type BoundDeployment } from '@switchyard/providers';

import { shuffleWeights, WeightedPicker } from './weighted-picker';

/** The deployment chosen for one request. */
export interface Route {
  readonly group: string;
  readonly deployment: BoundDeployment;
  readonly upstreamModel: string;
}

/** Chooses a deployment of the requested model group (simple-shuffle). */
@Injectable()
export class Router {
  // Keyed by the catalog's objects: a reloaded catalog brings new ones, the old ones are collected.
  private readonly bound = new WeakMap<DeploymentConfig, BoundDeployment>();
  private readonly pickers = new WeakMap<readonly DeploymentConfig[], WeightedPicker>();

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly registry: ModelRegistry,
  ) {
    for (const deployment of registry.catalog.allDeployments()) this.bind(deployment);
  }

  /** @hotpath Undefined when no group or wildcard route matches `model`. */
  route(model: string): Route | undefined {
    const resolved = this.registry.catalog.resolve(model);
    if (!resolved) return undefined;
    const { deployments } = resolved;
    const chosen = (
      deployments.length === 1 ? deployments[0] : deployments[this.picker(deployments).pick()]
    ) as DeploymentConfig;
    return {
      group: resolved.group,
      deployment: this.bound.get(chosen) ?? this.bind(chosen),
      upstreamModel: upstreamModelFor(chosen, resolved.wildcardMatch),
    };
  }

  private bind(deployment: DeploymentConfig): BoundDeployment {
    const bound = this.providers.bind(deployment);
    this.bound.set(deployment, bound);
    return bound;
  }

  private picker(deployments: readonly DeploymentConfig[]): WeightedPicker {
    let picker = this.pickers.get(deployments);
    if (!picker) {
      picker = new WeightedPicker(shuffleWeights(deployments));
      this.pickers.set(deployments, picker);
    }
    return picker;
  }
}

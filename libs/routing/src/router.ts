import { Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';
import { ModelCatalog, upstreamModelFor } from '@switchyard/models';
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
  private readonly bound = new Map<DeploymentConfig, BoundDeployment>();
  private readonly pickers = new Map<readonly DeploymentConfig[], WeightedPicker>();

  constructor(
    private readonly catalog: ModelCatalog,
    providers: ProviderRegistry,
  ) {
    for (const deployment of catalog.allDeployments()) {
      this.bound.set(deployment, providers.bind(deployment));
    }
  }

  /** @hotpath Undefined when no group or wildcard route matches `model`. */
  route(model: string): Route | undefined {
    const resolved = this.catalog.resolve(model);
    if (!resolved) return undefined;
    const { deployments } = resolved;
    const chosen = (
      deployments.length === 1 ? deployments[0] : deployments[this.picker(deployments).pick()]
    ) as DeploymentConfig;
    return {
      group: resolved.group,
      deployment: this.bound.get(chosen) as BoundDeployment,
      upstreamModel: upstreamModelFor(chosen, resolved.wildcardMatch),
    };
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

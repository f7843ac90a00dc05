import { Injectable, Logger } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';
import type { Route } from '@switchyard/routing';
import { costOf, priceOf, type ModelPrice, type Usage } from '@switchyard/spend';

/** Each deployment's price, resolved once; an unpriced model is logged once and costs 0. */
@Injectable()
export class DeploymentPricing {
  private readonly logger = new Logger('Pricing');
  private readonly prices = new WeakMap<DeploymentConfig, ModelPrice | null>();
  private readonly unpriced = new Set<string>();

  /** @hotpath */
  cost(route: Route, usage: Usage): number {
    const deployment = route.deployment.config;
    let price = this.prices.get(deployment);
    if (price === undefined) {
      price = priceOf(deployment, route.upstreamModel) ?? null;
      // Wildcard deployments serve many models: only fixed ones are cached.
      if (!deployment.params.providerModel.includes('*')) this.prices.set(deployment, price);
    }
    if (price === null && !this.unpriced.has(route.upstreamModel)) {
      this.unpriced.add(route.upstreamModel);
      this.logger.warn(
        `no price for model ${route.upstreamModel} (deployment ${deployment.info.id}): its requests cost 0; set model_info.input_cost_per_token / output_cost_per_token`,
      );
    }
    return costOf(price ?? undefined, usage);
  }

  /** Models seen without a price so far (for metrics). */
  unpricedModels(): number {
    return this.unpriced.size;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';
import { GatewayMetrics } from '@switchyard/metrics';
import type { Route } from '@switchyard/routing';
import { costOf, priceOf, type ModelPrice, type Usage } from '@switchyard/spend';

/** Each deployment's price, resolved once; an unpriced model is logged once and costs 0. */
@Injectable()
export class DeploymentPricing {
  private readonly logger = new Logger('Pricing');
  private readonly prices = new WeakMap<DeploymentConfig, ModelPrice | null>();
  private readonly unpriced = new Set<string>();
  private readonly lastCost = new Map<string, number>();

  constructor(private readonly metrics: GatewayMetrics) {}

  /** @hotpath */
  cost(route: Route, usage: Usage): number {
    const deployment = route.deployment.config;
    let price = this.prices.get(deployment);
    if (price === undefined) {
      price = priceOf(deployment, route.upstreamModel) ?? null;
      // Wildcard deployments serve many models: only fixed ones are cached.
      if (!deployment.params.providerModel.includes('*')) this.prices.set(deployment, price);
    }
    if (price === null) this.metrics.unpricedRequests.labels(deployment.modelName).inc();
    if (price === null && !this.unpriced.has(route.upstreamModel)) {
      this.unpriced.add(route.upstreamModel);
      this.logger.warn(
        `no price for model ${route.upstreamModel} (deployment ${deployment.info.id}): its requests cost 0; set model_info.input_cost_per_token / output_cost_per_token`,
      );
    }
    const cost = costOf(price ?? undefined, usage);
    if (usage.promptTokens + usage.completionTokens > 0) this.lastCost.set(deployment.info.id, cost);
    return cost;
  }

  /**
   * @hotpath What a request will probably cost, reserved against budgets until the real cost is
   * known: the deployment's last observed cost, else its price for a rough token count.
   */
  estimate(route: Route, body: Record<string, unknown>): number {
    const last = this.lastCost.get(route.deployment.config.info.id);
    if (last !== undefined) return last;
    const price = priceOf(route.deployment.config, route.upstreamModel);
    if (!price) return 0;
    const promptTokens = Math.ceil(
      JSON.stringify(body.messages ?? body.prompt ?? body.input ?? '').length / 4,
    );
    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : 256;
    return promptTokens * price.input + maxTokens * price.output;
  }

  /** Models seen without a price so far (for metrics). */
  unpricedModels(): number {
    return this.unpriced.size;
  }
}

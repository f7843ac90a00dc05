import cluster from 'node:cluster';

import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import type { DeploymentAttempt, RequestSummary } from '@switchyard/kernel';
import { Counter, Registry } from 'prom-client';

import { CacheInstruments, type CacheRequester } from './cache-instruments';
import { ClusterScrape } from './cluster-metrics';
import {
  DeploymentInstruments,
  type DeploymentSource,
  type UpstreamHeaders,
  type UpstreamTarget,
} from './deployment-instruments';
import { metricsOptionsOf, type MetricsOptions } from './labels';
import { collectProcessMetrics } from './process-metrics';
import { RequestInstruments } from './request-instruments';

/**
 * The one place instruments are declared: LiteLLM's metric names, types, labels and buckets (see
 * libs/metrics/README.md), plus Node's process metrics. Label values come from bounded sets (configured
 * models, key hashes and aliases, teams, users), never from request ids or raw keys.
 *
 * The hooks never throw: a metrics problem must not fail a request.
 */
@Injectable()
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly options: MetricsOptions;

  /** Requests whose model has no price: they cost 0 until model_info prices are set. */
  readonly unpricedRequests = new Counter({
    name: 'switchyard_unpriced_model_requests_total',
    help: 'Requests served by a model with no known price (counted at cost 0)',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  private readonly logger = new Logger('Metrics');
  private readonly requests: RequestInstruments;
  private readonly deployments: DeploymentInstruments;
  private readonly cache: CacheInstruments;
  /** Under `--num_workers N`: the primary aggregates every worker's registry (see serveClusterMetrics). */
  private readonly clusterScrape: ClusterScrape | undefined;
  private warned = false;

  constructor(@Optional() @Inject(GATEWAY_CONFIG) config?: GatewayConfig) {
    this.options = metricsOptionsOf(config);
    collectProcessMetrics(this.registry);
    this.requests = new RequestInstruments(this.registry, this.options);
    this.deployments = new DeploymentInstruments(this.registry);
    this.cache = new CacheInstruments(this.registry, this.options);
    this.clusterScrape = cluster.isWorker ? new ClusterScrape(this.registry) : undefined;
  }

  /** @hotpath A proxied request is over. */
  observeRequest(summary: RequestSummary): void {
    try {
      this.requests.observe(summary);
      if (summary.cacheHit) this.cache.observeCachedResponse(summary);
    } catch (error) {
      this.warnOnce(error);
    }
  }

  /** @hotpath One call to one deployment is over (a request may make several). */
  observeAttempt(attempt: DeploymentAttempt): void {
    try {
      this.deployments.observeAttempt(attempt);
    } catch (error) {
      this.warnOnce(error);
    }
  }

  /**
   * The provider's rate-limit headers on an answer of `target` (`x-ratelimit-remaining-requests` /
   * `-tokens`, or Anthropic's `anthropic-ratelimit-requests-remaining` / `-tokens-remaining`) →
   * `litellm_remaining_requests_metric` / `litellm_remaining_tokens_metric`. Headers it lacks are
   * left alone.
   */
  observeUpstreamRateLimits(target: UpstreamTarget, headers: UpstreamHeaders): void {
    try {
      this.deployments.observeUpstreamRateLimits(target, headers);
    } catch (error) {
      this.warnOnce(error);
    }
  }

  /**
   * @hotpath A response-cache lookup: hit or miss, for a call type (`chat`, `embedding`...) and the
   * model group the cache key uses; `requester` adds the key and team labels.
   */
  observeCache(hit: boolean, callType: string, modelGroup: string, requester?: CacheRequester): void {
    try {
      this.cache.observeLookup(hit, callType, modelGroup, requester);
    } catch (error) {
      this.warnOnce(error);
    }
  }

  /** A response-cache operation (`get`, `set`...: a short, fixed name) failed against Redis. */
  observeCacheError(operation: string, error: unknown): void {
    try {
      this.cache.observeError(operation, error);
    } catch (failure) {
      this.warnOnce(failure);
    }
  }

  /** This process put a deployment into cooldown. */
  observeCooldown(deploymentId: string): void {
    try {
      this.deployments.observeCooldown(deploymentId);
    } catch (error) {
      this.warnOnce(error);
    }
  }

  /** Where `litellm_deployment_state` and the rpm/tpm limit gauges read the deployments at scrape time. */
  watchDeployments(source: DeploymentSource): void {
    this.deployments.watch(source);
  }

  /** The exposition text (Prometheus format 0.0.4): this process's, or the whole cluster's. */
  scrape(): Promise<string> {
    return this.clusterScrape ? this.clusterScrape.metrics() : this.registry.metrics();
  }

  private warnOnce(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(`a metric was not recorded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

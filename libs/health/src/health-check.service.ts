import { Injectable, Logger } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';
import { ModelRegistry } from '@switchyard/models';
import { ClientDisconnect } from '@switchyard/providers';
import { DeploymentHealth, Router } from '@switchyard/routing';

import { healthErrorClassOf } from './health-error-class';
import { probeFor, type HealthProbe } from './health-probe';

/** Deployments called at once by one run. */
export const HEALTH_CHECK_CONCURRENCY = 4;
/** Seconds a probe may take, unless `model_info.health_check_timeout` or the deployment's `timeout` says otherwise. */
export const DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS = 30;

/** One deployment's result; `error` is absent when it answered. */
export interface EndpointHealth {
  readonly deployment: DeploymentConfig;
  /** The base URL the probe went to. */
  readonly apiBase: string;
  readonly error?: string;
  /** The LiteLLM error class of `error` (no provider text: safe to show anywhere). */
  readonly errorClass?: string;
}

/** The result of one run over a set of deployments. */
export interface HealthReport {
  /** The deployments probed, in the order given (those that cannot be probed are left out). */
  readonly endpoints: readonly EndpointHealth[];
  readonly checkedAt: Date;
}

export interface CheckOptions {
  /** Feed the results to the router (background checks), so it skips the failing deployments. */
  readonly record?: boolean;
}

/**
 * Calls deployments with a minimal request (`GET /health`, background health checks): a few at
 * a time, each with its own timeout. A wildcard route without `model_info.health_check_model` is
 * not called: it is reported neither healthy nor unhealthy, and the router is told nothing of it.
 */
@Injectable()
export class HealthCheckService {
  private readonly logger = new Logger('HealthChecks');

  constructor(
    private readonly router: Router,
    private readonly health: DeploymentHealth,
    private readonly registry: ModelRegistry,
  ) {}

  async check(deployments: readonly DeploymentConfig[], options: CheckOptions = {}): Promise<HealthReport> {
    const probed = unique(deployments).flatMap((deployment) => {
      const probe = probeFor(deployment);
      return probe ? [{ deployment, probe }] : [];
    });
    const endpoints = await mapBounded(probed, HEALTH_CHECK_CONCURRENCY, ({ deployment, probe }) =>
      this.checkOne(deployment, probe),
    );
    if (options.record) this.record(endpoints);
    return { endpoints, checkedAt: new Date() };
  }

  /** Marks each deployment by its result; forgets deployments no longer configured. */
  private record(endpoints: readonly EndpointHealth[]): void {
    for (const { deployment, error } of endpoints) {
      const { id } = deployment.info;
      const wasHealthy = this.health.isHealthy(id);
      if (error === undefined) {
        this.health.markHealthy(id);
        if (!wasHealthy) this.logger.log(`${describe(deployment)} passes its health check again`);
      } else {
        this.health.markUnhealthy(id, error);
        if (wasHealthy) this.logger.warn(`${describe(deployment)} failed its health check: ${error}`);
      }
    }
    const configured = new Set(this.registry.catalog.allDeployments().map((d) => d.info.id));
    for (const id of [...this.health.snapshot().keys()]) {
      if (!configured.has(id)) this.health.markHealthy(id);
    }
  }

  private async checkOne(deployment: DeploymentConfig, probe: HealthProbe): Promise<EndpointHealth> {
    let apiBase = deployment.params.apiBase ?? '';
    const timeoutMs = this.timeoutSecondsOf(deployment) * 1000;
    const signal = new ClientDisconnect();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => {
        signal.abort();
        fail(new Error(`Health check timeout exceeded (${timeoutMs / 1000} s)`));
      }, timeoutMs);
      timer.unref();
    });
    try {
      const binding = this.router.binding(deployment);
      apiBase = binding.apiBase;
      const call = binding.call({
        callType: probe.callType,
        upstreamModel: probe.upstreamModel,
        body: probe.body,
        stream: false,
        signal,
        timeoutMs,
        streamTimeoutMs: timeoutMs,
        dropParams: true,
      });
      const result = await Promise.race([call, timeout]);
      if (result.kind === 'stream') await result.events[Symbol.asyncIterator]().return?.();
      return { deployment, apiBase };
    } catch (error) {
      return { deployment, apiBase, error: messageOf(error), errorClass: healthErrorClassOf(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  private timeoutSecondsOf(deployment: DeploymentConfig): number {
    const own = deployment.info.extra.health_check_timeout;
    if (typeof own === 'number' && own > 0) return own;
    return deployment.params.timeout ?? DEFAULT_HEALTH_CHECK_TIMEOUT_SECONDS;
  }
}

function describe(deployment: DeploymentConfig): string {
  return `deployment ${deployment.info.id} (${deployment.modelName}, ${deployment.params.model})`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function unique(deployments: readonly DeploymentConfig[]): DeploymentConfig[] {
  const seen = new Set<string>();
  return deployments.filter((d) => !seen.has(d.info.id) && seen.add(d.info.id) !== undefined);
}

/** `fn` over `items`, at most `limit` at a time; results in the items' order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

import { Controller, Get, Header, Query, Req, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '@switchyard/auth';
import type { DeploymentConfig } from '@switchyard/config';
import { PrismaService } from '@switchyard/db';
import { AccessPolicy, type Principal } from '@switchyard/identity';
import { GatewayError, processLifecycle, SWITCHYARD_VERSION } from '@switchyard/kernel';
import { ModelAdminService, ModelRegistry } from '@switchyard/models';

import { BackgroundHealthChecks } from './background-health-checks';
import { HealthCheckService, type EndpointHealth } from './health-check.service';
import { healthResponse, targetDeployments, type HealthResponse } from './health-response';
import { RedisProbe } from './redis-probe';

const DB_CHECK_TIMEOUT_MS = 1000;

/**
 * LiteLLM's health routes: liveness and readiness probes (no key), and `GET /health`, which calls
 * the deployments (admins only).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisProbe,
    private readonly registry: ModelRegistry,
    private readonly models: ModelAdminService,
    private readonly checks: HealthCheckService,
    private readonly background: BackgroundHealthChecks,
  ) {}

  /**
   * Calls every deployment (or those of `?model=`, or `?model_id=`) with a minimal request; with
   * background health checks, answers the last background run's results instead.
   */
  @Get()
  @UseGuards(ApiKeyGuard)
  async health(
    @Req() request: { principal: Principal },
    @Query('model') model: unknown,
    @Query('model_id') modelId: unknown,
  ): Promise<HealthResponse> {
    AccessPolicy.requireAdmin(request.principal, 'run health checks');
    const target = { model: queryValue(model, 'model'), modelId: queryValue(modelId, 'model_id') };
    const deployments = targetDeployments(this.registry.catalog, target);
    let endpoints: readonly EndpointHealth[];
    if (this.background.enabled) {
      const ids = new Set(deployments.map((d) => d.info.id));
      endpoints = (await this.background.report()).endpoints.filter((e) => ids.has(e.deployment.info.id));
    } else {
      endpoints = (await this.checks.check(deployments)).endpoints;
    }
    const shown = new Map(
      this.models.info(request.principal).map((entry) => [entry.model_info.id, entry.litellm_params]),
    );
    return healthResponse(
      endpoints,
      (deployment: DeploymentConfig) => shown.get(deployment.info.id) ?? { model: deployment.params.model },
    );
  }

  // LiteLLM answers a JSON string, not plain text.
  @Get(['liveness', 'liveliness'])
  @Header('content-type', 'application/json')
  liveness(): string {
    return JSON.stringify("I'm alive!");
  }

  @Get('readiness')
  async readiness() {
    if (processLifecycle.draining) {
      throw GatewayError.unavailable('Shutting down: this replica takes no new requests.');
    }
    const [dbAnswers, redis] = await Promise.all([this.databaseAnswers(), this.redis.state()]);
    return {
      status: 'connected',
      db: dbAnswers ? 'connected' : 'Not connected',
      cache: this.redis.configured ? 'redis' : null,
      redis: redis ?? null,
      litellm_version: SWITCHYARD_VERSION,
      success_callbacks: [],
      last_updated: new Date().toISOString(),
    };
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>(
      (done) => (timer = setTimeout(() => done(false), DB_CHECK_TIMEOUT_MS)),
    );
    const query = this.prisma.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function queryValue(value: unknown, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw GatewayError.badRequest(`${name} must be given once`, name);
  return value;
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';
import { ModelRegistry } from '@switchyard/models';
import { Cooldowns, DeploymentHealth, Router } from '@switchyard/routing';

import type { DeploymentView } from './deployment-instruments';
import { GatewayMetrics } from './gateway-metrics';

/**
 * Connects the router's view of the deployments to the deployment gauges (read at scrape time)
 * and counts the cooldowns this process starts. Routing never imports metrics: no cycle.
 */
@Injectable()
export class DeploymentWatcher implements OnModuleInit {
  private readonly views = new WeakMap<DeploymentConfig, DeploymentView>();

  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly registry: ModelRegistry,
    private readonly router: Router,
    private readonly cooldowns: Cooldowns,
    private readonly health: DeploymentHealth,
  ) {}

  onModuleInit(): void {
    this.metrics.watchDeployments({
      deployments: () => this.registry.catalog.allDeployments().map((d) => this.viewOf(d)),
      isCoolingDown: (id) => this.cooldowns.isCooling(id),
      isUnhealthy: (id) => !this.health.isHealthy(id),
    });
    this.cooldowns.onCooldown((id) => this.metrics.observeCooldown(id));
  }

  private viewOf(deployment: DeploymentConfig): DeploymentView {
    let view = this.views.get(deployment);
    if (!view) {
      const { params, info } = deployment;
      view = {
        id: info.id,
        litellmModel: params.model,
        provider: params.provider,
        apiBase: this.apiBaseOf(deployment),
        rpm: params.rpm,
        tpm: params.tpm,
      };
      this.views.set(deployment, view);
    }
    return view;
  }

  /** The base URL calls go to (the provider's default when the config names none), as attempts report it. */
  private apiBaseOf(deployment: DeploymentConfig): string {
    try {
      return this.router.binding(deployment).apiBase;
    } catch {
      return deployment.params.apiBase ?? 'None';
    }
  }
}

import { Injectable } from '@nestjs/common';
import { ModelRegistry } from '@switchyard/models';
import { Cooldowns, DeploymentHealth } from '@switchyard/routing';

import { BackgroundHealthChecks } from './background-health-checks';

export type DeploymentStatus = 'healthy' | 'cooling_down' | 'unhealthy';

/** A deployment as the router sees it now: no credentials, no provider error text. */
export interface DeploymentState {
  readonly id: string;
  readonly modelName: string;
  readonly model: string;
  /** A cooldown wins over a failed health check: it is what the router acts on first. */
  readonly status: DeploymentStatus;
  readonly coolingDownUntil: Date | null;
  /** Whether the last health check passed; null before any background check of it. */
  readonly lastCheckHealthy: boolean | null;
  readonly lastCheckedAt: Date | null;
  readonly lastErrorClass: string | null;
}

/** Each deployment's state from the router's cooldowns and the background health checks. */
@Injectable()
export class DeploymentStates {
  constructor(
    private readonly background: BackgroundHealthChecks,
    private readonly cooldowns: Cooldowns,
    private readonly health: DeploymentHealth,
    private readonly registry: ModelRegistry,
  ) {}

  list(): DeploymentState[] {
    const report = this.background.lastReport;
    const checked = new Map(report?.endpoints.map((e) => [e.deployment.info.id, e]) ?? []);
    const cooling = this.cooldowns.active();
    const now = Date.now();
    return this.registry.catalog.allDeployments().map((deployment) => {
      const { id } = deployment.info;
      const until = cooling.get(id);
      const coolingDown = until !== undefined && until > now;
      const check = checked.get(id);
      return {
        id,
        modelName: deployment.modelName,
        model: deployment.params.model,
        status: coolingDown ? 'cooling_down' : this.health.isHealthy(id) ? 'healthy' : 'unhealthy',
        coolingDownUntil: coolingDown ? new Date(until) : null,
        lastCheckHealthy: check ? check.error === undefined : null,
        lastCheckedAt: check && report ? report.checkedAt : null,
        lastErrorClass: check?.errorClass ?? null,
      };
    });
  }
}

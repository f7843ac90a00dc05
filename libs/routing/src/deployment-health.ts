import { Injectable } from '@nestjs/common';

/** Deployments the health checks found failing, skipped by the router until they pass again. */
@Injectable()
export class DeploymentHealth {
  private readonly unhealthy = new Map<string, string>();

  /** @hotpath */
  any(): boolean {
    return this.unhealthy.size > 0;
  }

  isHealthy(id: string): boolean {
    return !this.unhealthy.has(id);
  }

  markUnhealthy(id: string, error: string): void {
    this.unhealthy.set(id, error);
  }

  markHealthy(id: string): void {
    this.unhealthy.delete(id);
  }

  /** Deployment id → the error of its last failed check. */
  snapshot(): ReadonlyMap<string, string> {
    return this.unhealthy;
  }
}

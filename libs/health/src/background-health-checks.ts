import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { ModelRegistry } from '@switchyard/models';

import { HealthCheckService, type HealthReport } from './health-check.service';

/** Delay of the first run after start-up. */
export const FIRST_RUN_DELAY_MS = 0;

/**
 * `general_settings.background_health_checks`: checks every deployment soon after start-up, then
 * `health_check_interval` seconds after each run ends (runs never overlap), feeding the results
 * to the router; `GET /health` answers the last run's report.
 */
@Injectable()
export class BackgroundHealthChecks implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('HealthChecks');
  readonly enabled: boolean;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<HealthReport> | undefined;
  private latest: HealthReport | undefined;
  private stopped = false;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly checks: HealthCheckService,
    private readonly registry: ModelRegistry,
  ) {
    this.enabled = config.healthChecks.background;
    this.intervalMs = config.healthChecks.intervalSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.logger.log(`background health checks every ${this.intervalMs / 1000} s`);
    this.schedule(FIRST_RUN_DELAY_MS);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The last finished run's report, if any, without starting one. */
  get lastReport(): HealthReport | undefined {
    return this.latest;
  }

  /** The last run's report; before the first run has finished, that run's. */
  report(): Promise<HealthReport> {
    return this.latest ? Promise.resolve(this.latest) : this.run();
  }

  /** Starts a run, or joins the one in progress. */
  run(): Promise<HealthReport> {
    this.running ??= this.checks
      .check(this.registry.catalog.allDeployments(), { record: true })
      .then((report) => (this.latest = report))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.run()
        .catch((error: unknown) =>
          this.logger.error(
            `health check run failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref();
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';

import { BudgetResetService } from './budget-reset.service';

/**
 * Runs budget resets on schedule: in the worker, or in the gateway itself when there is no Redis
 * (embedded mode has no worker).
 */
@Injectable()
export class BudgetResetScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BudgetReset');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  enabled = true;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly resets: BudgetResetService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => {
      this.running = this.resets
        .resetDue()
        .catch((error: Error) => this.logger.warn(`budget reset failed: ${error.message}`));
    }, this.config.budgetResetIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

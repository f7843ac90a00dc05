import { Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { IdentityModule } from '@switchyard/identity';

import { BudgetResetScheduler } from './ledger/budget-reset.scheduler';
import { BudgetResetService } from './ledger/budget-reset.service';
import { LimitsService } from './limits/limits.service';
import { SpendRecorder } from './runtime/spend-recorder';
import { SpendLedgerModule } from './spend-ledger.module';

/** The gateway's side: recorder and limits, plus the ledger it writes to in embedded mode. */
@Module({
  imports: [IdentityModule, SpendLedgerModule],
  providers: [
    LimitsService,
    SpendRecorder,
    {
      // With Redis the worker runs budget resets; without, the gateway is the only process.
      provide: BudgetResetScheduler,
      inject: [GATEWAY_CONFIG, BudgetResetService],
      useFactory: (config: GatewayConfig, resets: BudgetResetService) => {
        const scheduler = new BudgetResetScheduler(config, resets);
        scheduler.enabled = config.redis === undefined;
        return scheduler;
      },
    },
  ],
  exports: [LimitsService, SpendRecorder, SpendLedgerModule],
})
export class SpendModule {}

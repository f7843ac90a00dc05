import { Module } from '@nestjs/common';

import { SpendLedgerModule } from './spend-ledger.module';
import { LimitsService } from './limits/limits.service';
import { SpendRecorder } from './runtime/spend-recorder';

/** The gateway's side: the recorder, plus the ledger it writes to in embedded mode. */
@Module({
  imports: [SpendLedgerModule],
  providers: [LimitsService, SpendRecorder],
  exports: [LimitsService, SpendRecorder, SpendLedgerModule],
})
export class SpendModule {}

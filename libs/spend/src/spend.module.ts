import { Module } from '@nestjs/common';

import { SpendLedgerModule } from './spend-ledger.module';
import { SpendRecorder } from './runtime/spend-recorder';

/** The gateway's side: the recorder, plus the ledger it writes to in embedded mode. */
@Module({
  imports: [SpendLedgerModule],
  providers: [SpendRecorder],
  exports: [SpendRecorder, SpendLedgerModule],
})
export class SpendModule {}

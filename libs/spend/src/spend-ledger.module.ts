import { Module } from '@nestjs/common';

import { SpendIngestService } from './ledger/spend-ingest.service';

/** The ledger's writer, for the worker (and the gateway in embedded mode). */
@Module({
  providers: [SpendIngestService],
  exports: [SpendIngestService],
})
export class SpendLedgerModule {}

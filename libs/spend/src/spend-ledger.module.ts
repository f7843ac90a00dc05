import { Module } from '@nestjs/common';

import { SpendIngestService } from './ledger/spend-ingest.service';
import { SpendReportService } from './reports/spend-report.service';

/** The ledger's writer, for the worker (and the gateway in embedded mode). */
@Module({
  providers: [SpendIngestService, SpendReportService],
  exports: [SpendIngestService, SpendReportService],
})
export class SpendLedgerModule {}

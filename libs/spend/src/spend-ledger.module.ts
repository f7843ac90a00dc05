import { Module } from '@nestjs/common';
import { IdentityModule } from '@switchyard/identity';

import { BudgetAlertService } from './ledger/budget-alert.service';
import { BudgetResetService } from './ledger/budget-reset.service';
import { SpendIngestService } from './ledger/spend-ingest.service';
import { SpendReportService } from './reports/spend-report.service';

/** The ledger's writers and readers, for the worker (and the gateway in embedded mode). */
@Module({
  imports: [IdentityModule],
  providers: [BudgetAlertService, BudgetResetService, SpendIngestService, SpendReportService],
  exports: [BudgetAlertService, BudgetResetService, SpendIngestService, SpendReportService],
})
export class SpendLedgerModule {}

export { SpendModule } from './spend.module';
export { SpendLedgerModule } from './spend-ledger.module';
/** Prices and the cost of a request from its reported usage. */
export { costOf, priceOf, usageOf } from './cost';
export type { Usage } from './cost';
export type { ModelPrice } from './model-prices';
export { SPEND_BATCH_JOB, SPEND_EVENTS_QUEUE } from './ledger/spend-event';
export type { SpendBatch, SpendEvent } from './ledger/spend-event';
/** Writes spend batches to the ledger, idempotently. */
export { SpendIngestService } from './ledger/spend-ingest.service';
/** Budget alerts from the ledger (the worker's metrics listen to their delivery). */
export { BudgetAlertService } from './ledger/budget-alert.service';
export type { BudgetAlertOutcome } from './ledger/budget-alert.service';
/** The hot path's hand-off of spend events (queue, or in-process without Redis; spool on failure). */
export { SpendRecorder } from './runtime/spend-recorder';
/** Budgets and rate limits on the request path (Redis or memory). */
export { LimitsService } from './limits/limits.service';
export type { Reservation } from './limits/limits.service';
/** Ledger reads for the spend routes. */
export { SpendReportService } from './reports/spend-report.service';
export type { ReportGroup, SpendLogFilter } from './reports/spend-report.service';
export type {
  SpendLogEntry,
  SpendLogPage,
  SpendLogPageRequest,
  SpendLogQuery,
} from './reports/spend-log-entry';
export type { SpendSummaryRow, SummaryDimension } from './reports/spend-log.sql';
/** Budget periods: resets due keys, users and teams on schedule. */
export { BudgetResetService } from './ledger/budget-reset.service';
export { BudgetResetScheduler } from './ledger/budget-reset.scheduler';

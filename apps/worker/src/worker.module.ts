import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type GatewayConfig } from '@switchyard/config';
import { DbModule } from '@switchyard/db';
import { LoggingModule } from '@switchyard/logging';
import { BudgetResetScheduler, SpendLedgerModule } from '@switchyard/spend';

import { WorkerMetrics } from './metrics/worker-metrics';
import { WorkerMetricsServer } from './metrics/worker-metrics.server';
import { SpendEventsProcessor } from './processors/spend-events.processor';
import { QueueConnection } from './queue-connection';

@Module({})
export class WorkerModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const target = config.databaseUrl
      ? ({ kind: 'postgres', url: config.databaseUrl } as const)
      : ({ kind: 'pglite', dataDir: config.embeddedDataDir } as const);
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DbModule.forRoot(target),
        SpendLedgerModule,
      ],
      providers: [
        BudgetResetScheduler,
        QueueConnection,
        SpendEventsProcessor,
        WorkerMetrics,
        WorkerMetricsServer,
      ],
    };
  }
}

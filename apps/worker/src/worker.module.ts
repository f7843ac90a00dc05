import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type GatewayConfig } from '@switchyard/config';
import { DbModule } from '@switchyard/db';
import { BudgetResetScheduler, SpendLedgerModule } from '@switchyard/spend';

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
      imports: [ConfigModule.forRoot(config), DbModule.forRoot(target), SpendLedgerModule],
      providers: [BudgetResetScheduler, QueueConnection, SpendEventsProcessor],
    };
  }
}

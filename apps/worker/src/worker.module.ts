import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type GatewayConfig } from '@switchyard/config';

import { QueueConnection } from './queue-connection';

@Module({})
export class WorkerModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config)],
      providers: [QueueConnection],
    };
  }
}

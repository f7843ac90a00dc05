import { Module, type DynamicModule } from '@nestjs/common';
import { SsoModule } from '@switchyard/auth';
import { ConfigModule, type GatewayConfig } from '@switchyard/config';
import { DbModule, type DbTarget } from '@switchyard/db';
import { HealthModule } from '@switchyard/health';
import { LoggingModule } from '@switchyard/logging';
import { MetricsModule } from '@switchyard/metrics';
import { ProxyModule } from '@switchyard/proxy';

import { AdminGraphqlModule } from './graphql/admin-graphql.module';
import { ManagementModule } from './management/management.module';

/** PostgreSQL when `DATABASE_URL` is set, else the embedded PGlite folder: same schema, same code. */
function dbTarget(config: GatewayConfig): DbTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.embeddedDataDir };
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DbModule.forRoot(dbTarget(config)),
        MetricsModule,
        HealthModule,
        ManagementModule,
        AdminGraphqlModule,
        SsoModule,
        ProxyModule,
      ],
    };
  }
}

import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { GatewayConfig } from '@switchyard/config';

import { AccessLog } from './access-log';
import { APP_LOGGING, appLoggingFor } from './app-logging';

/**
 * The process's logging (the same AppLogging main installed with `installAppLogging`) and the
 * access log. No pino-http middleware: nestjs-pino's LoggerModule is not imported.
 */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: APP_LOGGING, useValue: appLoggingFor(config) }, AccessLog],
      exports: [APP_LOGGING, AccessLog],
    };
  }
}

import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@switchyard/config';
import { exitOnShutdownSignal } from '@switchyard/kernel';
import { installAppLogging } from '@switchyard/logging';

import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const { config, warnings } = loadConfigOrExit();
  const logging = installAppLogging(config);
  const logger = new Logger('Worker');
  for (const warning of warnings) logger.warn(warning);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: logging.nestLogger,
  });
  exitOnShutdownSignal(
    () => app.close(),
    (message) => logger.log(message),
  );
  logger.log('Switchyard worker started');
}

bootstrap().catch((error: unknown) => {
  new Logger('Worker').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

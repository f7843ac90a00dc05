import 'reflect-metadata';

import cluster from 'node:cluster';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfigOrExit } from '@switchyard/config';
import { exitOnShutdownSignal } from '@switchyard/kernel';
import { installAppLogging } from '@switchyard/logging';
import { gatewayFastifyOptions, installRequestHooks, OpenAiErrorFilter } from '@switchyard/proxy';

import { runClusterPrimary } from './cluster-primary';
import { GatewayModule } from './gateway.module';
import { serveUi } from './ui/serve-ui';

async function bootstrap(): Promise<void> {
  const { config, warnings } = loadConfigOrExit();
  // Every Nest Logger of this process (and of the cluster primary) logs through it from here on.
  const logging = installAppLogging(config);
  const { port, host, numWorkers } = config.server;
  if (numWorkers > 1 && cluster.isPrimary) {
    runClusterPrimary(numWorkers);
    return;
  }

  // No Nest middleware is used: skipping middie keeps its hook off every proxied request.
  const adapter = new FastifyAdapter({ ...gatewayFastifyOptions(config), skipMiddie: true });
  installRequestHooks(adapter.getInstance());
  // Body parsing stays Fastify's own (see installRequestHooks), not Nest's form/JSON parsers.
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config), adapter, {
    bodyParser: false,
    logger: logging.nestLogger,
  });
  const logger = new Logger('Gateway');
  for (const warning of warnings) logger.warn(warning);
  app.useGlobalFilters(new OpenAiErrorFilter(config.server.bodyLimitBytes));
  const ui = await serveUi(adapter.getInstance());
  if (!ui.built) logger.warn('The admin UI was not built (dist/ui): /ui answers 404 until `npm run build`.');
  // SIGTERM: readiness turns false, the listener closes (new connections are refused, requests on
  // open keep-alive connections get 503), in-flight requests and streams finish within the grace
  // period, then the shutdown hooks hand the buffered spend events over.
  exitOnShutdownSignal(
    () => app.close(),
    (message) => logger.log(message),
    {
      graceMs: config.server.shutdownGraceMs,
      onGraceOver: () => app.getHttpServer().closeAllConnections(),
    },
  );
  await app.listen(port, host);
  logger.log(
    `Switchyard gateway listening on http://${host}:${port} (config ${config.configPath}, ${config.modelList.length} deployments)`,
  );
}

// A failed start is logged like everything else (JSON when json_logs, secrets scrubbed), not dumped raw.
bootstrap().catch((error: unknown) => {
  const failure = error instanceof Error ? error : new Error(String(error));
  new Logger('Gateway').error(`start-up failed: ${failure.message}`, failure.stack);
  process.exit(1);
});

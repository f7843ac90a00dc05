import cluster from 'node:cluster';

import { Logger } from '@nestjs/common';
import { serveClusterMetrics } from '@switchyard/metrics';

/**
 * LiteLLM's `--num_workers N`: N gateway processes share one port (node:cluster). A worker that
 * dies unexpectedly is replaced; SIGTERM/SIGINT are passed on and the primary exits with them.
 */
export function runClusterPrimary(workers: number): void {
  const logger = new Logger('Cluster');
  let stopping = false;
  // One scrape of /metrics answers for every worker (prom-client's cluster aggregation).
  serveClusterMetrics();
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.warn(`gateway worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  logger.log(`started ${workers} gateway workers`);
}

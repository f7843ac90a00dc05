import { processLifecycle } from './lifecycle';

export interface ShutdownGrace {
  /** How long in-flight requests and streams may run on after the signal. */
  readonly graceMs: number;
  /** Ends whatever is still open when the grace period is over (the close then completes). */
  readonly onGraceOver: () => void;
}

/** After the grace period and the forced end, closing may take this much longer before exit 1. */
const FORCED_CLOSE_MS = 10_000;

/**
 * On SIGTERM or SIGINT: marks the process draining (readiness turns false at once), runs `close`
 * once and exits 0 (1 if closing failed or hung). With `grace`, work still open after the grace
 * period is ended. Nest's own shutdown hooks re-raise the signal, which makes the process exit by
 * signal instead of with code 0, so they are not used.
 */
export function exitOnShutdownSignal(
  close: () => Promise<void>,
  log: (message: string) => void,
  grace?: ShutdownGrace,
): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    processLifecycle.startDraining();
    log(
      `${signal} received: draining${grace ? ` (in-flight requests get up to ${grace.graceMs} ms)` : ''}, then shutting down`,
    );
    if (grace) {
      setTimeout(() => {
        log('grace period over: ending the requests still open');
        grace.onGraceOver();
        setTimeout(() => {
          log('shutdown did not finish in time');
          process.exit(1);
        }, FORCED_CLOSE_MS).unref();
      }, grace.graceMs).unref();
    }
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

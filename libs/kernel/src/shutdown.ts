/**
 * On SIGTERM or SIGINT, runs `close` once and exits 0 (1 if closing failed). Nest's own shutdown
 * hooks re-raise the signal, which makes the process exit by signal instead of with code 0.
 */
export function exitOnShutdownSignal(close: () => Promise<void>, log: (message: string) => void): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    log(`${signal} received: shutting down`);
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

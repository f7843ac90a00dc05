/**
 * Runs the mock upstream in its own process (used by the benchmark):
 *   node dist/test/support/mock-upstream-main.js --port 0 [--record] [--require-key KEY] [--chunk-delay-ms N]
 * Prints `MOCK_UPSTREAM_READY <url>` once listening; exits on SIGTERM/SIGINT.
 */
import { startMockUpstream } from './mock-upstream';

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const requireKey = flag('--require-key');
  const mock = await startMockUpstream({
    port: Number(flag('--port') ?? 0),
    host: flag('--host') ?? '127.0.0.1',
    record: process.argv.includes('--record'),
    chunkDelayMs: Number(flag('--chunk-delay-ms') ?? 0),
    ...(requireKey !== undefined ? { requireKey } : {}),
  });
  process.stdout.write(`MOCK_UPSTREAM_READY ${mock.url}\n`);
  const stop = (): void => {
    void mock.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`mock-upstream: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

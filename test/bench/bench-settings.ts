import { resolve } from 'node:path';

export interface BenchSettings {
  /** Seconds of the measured saturation run per target. */
  saturationSeconds: number;
  warmupSeconds: number;
  /** Seconds of the concurrency-32 run per target. */
  c32Seconds: number;
  saturationConnections: number;
  /** Sequential requests for the concurrency-1 latency. */
  sequentialRequests: number;
  /** Sequential streamed requests for time to first token. */
  ttftRequests: number;
  /** argv for the gateway; `{config}`, `{port}` and `{mock}` are substituted. */
  gatewayCommand: string[];
  /** argv of the spend worker (`{config}` substituted); undefined with the `floor` stand-in gateway. */
  workerCommand: string[] | undefined;
  /** Exit 1 when a target is missed. */
  strict: boolean;
  paths: { repoRoot: string; mockMain: string; floorMain: string; results: string };
}

const positive = (value: string | undefined, fallback: number): number => {
  const parsed = Number(value);
  return value !== undefined && Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
};

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** `dir` is the compiled bench folder, dist/test/bench. */
export function readSettings(dir: string): BenchSettings {
  const saturationSeconds = positive(process.env['BENCH_DURATION'], 8);
  const scale = saturationSeconds / 8;
  const floorMain = resolve(dir, 'floor-proxy.js');
  const gatewayMain = resolve(dir, '../../apps/gateway/src/main.js');
  const workerMain = resolve(dir, '../../apps/worker/src/main.js');
  const gatewayCmd = argValue('--gateway-cmd') ?? process.env['BENCH_GATEWAY_CMD'];
  const gatewayCommand =
    gatewayCmd === undefined
      ? [process.execPath, gatewayMain, '--config', '{config}', '--port', '{port}']
      : gatewayCmd === 'floor'
        ? [process.execPath, floorMain, '--upstream', '{mock}', '--port', '{port}']
        : gatewayCmd
            .split(/\s+/)
            .filter((part) => part.length > 0)
            .map((part, index) => (index === 0 && part === 'node' ? process.execPath : part));
  return {
    saturationSeconds,
    warmupSeconds: Math.min(2, Math.max(1, Math.round(saturationSeconds / 4))),
    c32Seconds: Math.max(1, Math.round(saturationSeconds / 2)),
    saturationConnections: positive(process.env['BENCH_CONNECTIONS'], 64),
    sequentialRequests: Math.round(positive(process.env['BENCH_SEQ_REQUESTS'], Math.max(300, 3000 * scale))),
    ttftRequests: Math.round(positive(process.env['BENCH_TTFT_REQUESTS'], Math.max(100, 1000 * scale))),
    gatewayCommand,
    workerCommand:
      gatewayCmd === 'floor' ? undefined : [process.execPath, workerMain, '--config', '{config}'],
    strict: process.env['BENCH_STRICT'] === '1' || process.argv.includes('--strict'),
    paths: {
      repoRoot: resolve(dir, '../../..'),
      mockMain: resolve(dir, '../support/mock-upstream-main.js'),
      floorMain,
      results: resolve(dir, '../../bench-results.json'),
    },
  };
}

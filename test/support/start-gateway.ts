import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { stringify } from 'yaml';

export const TEST_QUEUE_PREFIX = `switchyard-test-${process.env.SWITCHYARD_TEST_RUN ?? process.pid}`;

export const GATEWAY_MAIN = resolve(__dirname, '../../dist/apps/gateway/src/main.js');

export interface GatewayProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartGatewayOptions {
  /** The config as an object (written as YAML) or as YAML text. */
  config: object | string;
  env?: Record<string, string>;
  args?: string[];
  /** Extra CLI arguments replacing `--config <file> --port <port>`. */
  rawArgs?: string[];
  cwd?: string;
  /** The port the gateway will listen on when `rawArgs`/`env` choose it; else a free one. */
  port?: number;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export function writeConfig(config: object | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
  const file = join(dir, 'config.yaml');
  writeFileSync(file, typeof config === 'string' ? config : stringify(config));
  return file;
}

/** The environment of a bare machine: no master key, database or Redis unless a test sets them. */
export function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    // Each process gets its own embedded database unless the test shares one on purpose.
    SWITCHYARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'switchyard-data-')),
    // Queues of this test run only; test/support/global-setup.ts removes them afterwards.
    SWITCHYARD_QUEUE_PREFIX: TEST_QUEUE_PREFIX,
  };
  return { ...env, ...extra };
}

/** Runs the built gateway to completion (for start-up failures) and returns its exit code and output. */
export function runGateway(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [GATEWAY_MAIN, ...args], { env: bareEnv(env), cwd });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** Starts the real, built gateway in its own process and waits until it answers liveness. */
export async function startGateway(options: StartGatewayOptions): Promise<GatewayProcess> {
  const port = options.port ?? (await freePort());
  const args = options.rawArgs ?? [
    '--config',
    writeConfig(options.config),
    '--port',
    String(port),
    ...(options.args ?? []),
  ];
  const child = spawn(process.execPath, [GATEWAY_MAIN, ...args], {
    env: bareEnv(options.env),
    cwd: options.cwd,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/health/liveness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gateway did not start within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url,
    port,
    child,
    output: () => output,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

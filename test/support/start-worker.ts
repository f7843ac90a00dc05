import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

import { bareEnv, writeConfig } from './start-gateway';

const WORKER_MAIN = resolve(__dirname, '../../dist/apps/worker/src/main.js');

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the built worker and waits until it says it started. */
export async function startWorker(
  env: Record<string, string>,
  config: object = { model_list: [] },
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [WORKER_MAIN, '--config', writeConfig(config)], {
    env: bareEnv(env),
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const deadline = Date.now() + 20_000;
  while (!output.includes('Switchyard worker started')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`worker did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    exited,
    output: () => output,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

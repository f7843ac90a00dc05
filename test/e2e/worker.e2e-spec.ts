import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { bareEnv, freePort, writeConfig } from '../support/start-gateway';

const WORKER_MAIN = resolve(__dirname, '../../dist/apps/worker/src/main.js');

function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [WORKER_MAIN, '--config', writeConfig({ model_list: [] })], {
    env: bareEnv(env),
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, exited, output: () => output };
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('worker process', () => {
  it('starts, connects to Redis, opens its queues and stops cleanly on SIGTERM', async () => {
    const worker = startWorker({ REDIS_HOST: '127.0.0.1', REDIS_PORT: '6379' });
    await waitFor(
      () => worker.output().includes('Switchyard worker started') || worker.child.exitCode !== null,
      15_000,
    );

    expect(worker.output()).toContain('connected to Redis at 127.0.0.1:6379; queues: spend-events');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('fails fast and clearly when Redis is unreachable', async () => {
    const port = await freePort();
    const worker = startWorker({
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: String(port),
      REDIS_PASSWORD: 'secret-pw',
    });
    const code = await worker.exited;

    expect(code).not.toBe(0);
    expect(worker.output()).toContain(`Redis at 127.0.0.1:${port} is unreachable`);
    expect(worker.output()).not.toContain('secret-pw');
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Redis } from 'ioredis';

import { freePort } from './start-gateway';

/**
 * A Redis server of the test's own, on its own port, with an fsync'd append-only file (as a
 * production Redis holding a queue should have), so it can be killed and started again.
 */
export async function startRedisServer(): Promise<{
  port: number;
  kill(): Promise<void>;
  start(): Promise<void>;
}> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        dir,
      ],
      {
        stdio: 'ignore',
      },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis({
        port,
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        probe.disconnect();
      }
    }
  };
  const kill = async () => {
    const dying = child;
    // A killed process has a null exitCode and a signalCode: both mean it is gone.
    if (!dying || dying.exitCode !== null || dying.signalCode !== null) return;
    const exited = new Promise((done) => dying.once('exit', done));
    dying.kill('SIGKILL');
    await exited;
  };
  await start();
  return { port, kill, start };
}

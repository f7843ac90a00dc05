import { fork } from 'node:child_process';
import { join } from 'node:path';

import type { DbTarget } from './db-target';

/**
 * Applies migrations in a short-lived child process (the compiled migrate CLI), so the
 * WebAssembly schema engine (about 45 MB) never stays resident in a long-running process.
 */
export function applyMigrationsInChild(target: DbTarget): Promise<{ applied: string[] }> {
  return new Promise((done, fail) => {
    const child = fork(join(__dirname, 'migrate-cli.js'), ['--target', JSON.stringify(target)], {
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => {
      if (code !== 0) return fail(new Error(stderr.trim() || `migrations exited with ${code}`));
      const applied = [...stdout.matchAll(/^Applied (.+)$/gm)].map((match) => match[1] as string);
      done({ applied });
    });
  });
}

import { spawn, type ChildProcess } from 'node:child_process';

const OUTPUT_TAIL_BYTES = 16 * 1024;

/** A child process whose output is always drained (a full pipe would stall it) and whose tail is kept for errors. */
export class ManagedChild {
  private tail = '';
  private exitInfo: string | undefined;
  private readonly lineListeners = new Set<(line: string) => void>();
  private partialLine = '';

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const onData = (data: Buffer): void => {
      const text = data.toString('utf8');
      this.tail = (this.tail + text).slice(-OUTPUT_TAIL_BYTES);
      if (this.lineListeners.size === 0) return;
      const lines = (this.partialLine + text).split('\n');
      this.partialLine = lines.pop() ?? '';
      for (const line of lines) for (const listener of this.lineListeners) listener(line);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      this.exitInfo = signal ? `signal ${signal}` : `code ${code ?? '?'}`;
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} has no pid (failed to spawn?)`);
    return this.child.pid;
  }

  get exited(): string | undefined {
    return this.exitInfo;
  }

  outputTail(): string {
    return this.tail;
  }

  /** Resolves with the first capture group of the first output line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.lineListeners.delete(onLine);
        this.child.off('exit', onExit);
      };
      const onLine = (line: string): void => {
        const match = pattern.exec(line);
        if (match) {
          done();
          resolve(match[1] ?? line);
        }
      };
      const onExit = (): void => {
        done();
        reject(
          new Error(`${this.name} exited (${this.exitInfo ?? '?'}) before printing ${pattern}\n${this.tail}`),
        );
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms\n${this.tail}`));
      }, timeoutMs);
      this.lineListeners.add(onLine);
      this.child.once('exit', onExit);
    });
  }

  /** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 3_000): Promise<void> {
    if (this.exitInfo !== undefined || this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  killNow(): void {
    if (this.exitInfo === undefined && this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** Starts and remembers children so that every exit path can stop them all. */
export class ChildRegistry {
  private readonly children: ManagedChild[] = [];

  spawn(
    name: string,
    command: string,
    args: readonly string[],
    options: { env: NodeJS.ProcessEnv; cwd: string },
  ): ManagedChild {
    const child = spawn(command, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const managed = new ManagedChild(name, child);
    child.once('error', (error) => process.stderr.write(`${name}: ${error.message}\n`));
    this.children.push(managed);
    return managed;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.children.map((child) => child.stop()));
  }

  /** Synchronous last resort for `process.on('exit')`. */
  killAllNow(): void {
    for (const child of this.children) child.killNow();
  }
}

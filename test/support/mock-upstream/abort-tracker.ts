interface Waiter {
  count: number;
  resolve: (aborted: number) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Counts client disconnects and lets tests wait for them. */
export class AbortTracker {
  count = 0;
  private readonly waiters = new Set<Waiter>();

  readonly record = (): void => {
    this.count += 1;
    for (const waiter of this.waiters) {
      if (this.count >= waiter.count) this.settle(waiter).resolve(this.count);
    }
  };

  waitFor(timeoutMs: number, count: number): Promise<number> {
    if (this.count >= count) return Promise.resolve(this.count);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        count,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(waiter).reject(
            new Error(
              `mock upstream: expected ${count} client abort(s) within ${timeoutMs} ms, saw ${this.count}`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  reset(): void {
    this.count = 0;
  }

  rejectAll(reason: string): void {
    for (const waiter of this.waiters) this.settle(waiter).reject(new Error(reason));
  }

  private settle(waiter: Waiter): Waiter {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    return waiter;
  }
}

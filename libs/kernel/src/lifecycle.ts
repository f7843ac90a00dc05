/**
 * Where this process is in its life: serving, or draining after SIGTERM/SIGINT (readiness answers
 * 503 at once so load balancers stop sending work while in-flight requests finish). One per process.
 */
class ProcessLifecycle {
  private drainingSince: number | undefined;
  private active = 0;
  private idleWaiters: (() => void)[] = [];

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  startDraining(): void {
    this.drainingSince ??= Date.now();
  }

  /** @hotpath A proxied request began. */
  requestStarted(): void {
    this.active += 1;
  }

  /** @hotpath A proxied request is over (its spend event recorded). */
  requestEnded(): void {
    this.active -= 1;
    if (this.active === 0 && this.idleWaiters.length > 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Resolves true once no proxied request is in progress, or false after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

export const processLifecycle = new ProcessLifecycle();

import { request } from 'undici';
import type { ManagedChild } from './child-process';

/** Polls `GET /health/liveness` until it answers 200. */
export async function waitForLiveness(origin: string, child: ManagedChild, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exited !== undefined) {
      throw new Error(`${child.name} exited (${child.exited}) before becoming live\n${child.outputTail()}`);
    }
    try {
      const { statusCode, body } = await request(`${origin}/health/liveness`, {
        headersTimeout: 1_000,
        bodyTimeout: 1_000,
      });
      await body.dump();
      if (statusCode === 200) return;
      lastProblem = `HTTP ${statusCode}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${child.name} not live at ${origin} within ${timeoutMs} ms (${lastProblem})\n${child.outputTail()}`,
  );
}

import type { DeploymentConfig, GatewayConfig } from '@switchyard/config';
import { createDeployment } from '@switchyard/config/testing';
import type { ModelRegistry } from '@switchyard/models';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { BackgroundHealthChecks } from './background-health-checks';
import type { CheckOptions, HealthCheckService, HealthReport } from './health-check.service';

const deployment = createDeployment('gpt', 'openai/gpt-4o');

function setup(background: boolean, intervalSeconds = 10) {
  const runs: { options: CheckOptions | undefined; finish: () => void }[] = [];
  const checks = {
    check: (deployments: readonly DeploymentConfig[], options?: CheckOptions) =>
      new Promise<HealthReport>((resolve) => {
        runs.push({
          options,
          finish: () =>
            resolve({
              endpoints: deployments.map((d) => ({ deployment: d, apiBase: '' })),
              checkedAt: new Date(),
            }),
        });
      }),
  } as unknown as HealthCheckService;
  const registry = { catalog: { allDeployments: () => [deployment] } } as unknown as ModelRegistry;
  const config = { healthChecks: { background, intervalSeconds } } as unknown as GatewayConfig;
  return { runner: new BackgroundHealthChecks(config, checks, registry), runs };
}

describe('BackgroundHealthChecks', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does nothing when background_health_checks is off', async () => {
    const { runner, runs } = setup(false);
    runner.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs soon after start, then every interval after a run ends, never two at once', async () => {
    const { runner, runs } = setup(true, 10);
    runner.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.options).toEqual({ record: true });

    // A slow run: no second run starts while it lasts.
    await vi.advanceTimersByTimeAsync(25_000);
    expect(runs).toHaveLength(1);
    runs[0]?.finish();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(2);
    runs[1]?.finish();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(3);
    runner.onApplicationShutdown();
  });

  it('answers the last finished run, waiting for the first one', async () => {
    const { runner, runs } = setup(true, 10);
    runner.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(0);
    const first = runner.report();
    // Joins the run in progress instead of starting another.
    expect(runs).toHaveLength(1);
    runs[0]?.finish();
    const report = await first;
    expect(report.endpoints).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(2);
    expect(await runner.report()).toBe(report);
    runner.onApplicationShutdown();
  });

  it('stops on shutdown, even with a run in progress', async () => {
    const { runner, runs } = setup(true, 1);
    runner.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(0);
    runner.onApplicationShutdown();
    runs[0]?.finish();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps going after a run fails', async () => {
    const { runner } = setup(true, 1);
    const failing = vi
      .spyOn(runner, 'run')
      .mockRejectedValueOnce(new Error('unexpected'))
      .mockResolvedValue({ endpoints: [], checkedAt: new Date() });
    runner.onApplicationBootstrap();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(failing).toHaveBeenCalledTimes(2);
    runner.onApplicationShutdown();
  });
});

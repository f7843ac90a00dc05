import type { DeploymentConfig, DeploymentInfo } from '@switchyard/config';
import { createDeployment } from '@switchyard/config/testing';
import { GatewayError } from '@switchyard/kernel';
import type { ModelRegistry } from '@switchyard/models';
import type { BoundDeployment, ProviderCall } from '@switchyard/providers';
import { DeploymentHealth, type Router } from '@switchyard/routing';
import { describe, expect, it } from 'vitest';

import { HEALTH_CHECK_CONCURRENCY, HealthCheckService, mapBounded } from './health-check.service';

type Answer = (call: ProviderCall) => Promise<void>;

function setup(deployments: DeploymentConfig[], answer: Answer = () => Promise.resolve()) {
  const calls: { id: string; call: ProviderCall }[] = [];
  const router = {
    binding: (deployment: DeploymentConfig): BoundDeployment => ({
      config: deployment,
      apiBase: deployment.params.apiBase ?? 'https://api.openai.com/v1',
      call: async (call) => {
        calls.push({ id: deployment.info.id, call });
        await answer(call);
        return { kind: 'json', body: {} };
      },
    }),
  } as unknown as Router;
  const catalog = { allDeployments: () => deployments };
  const registry = { catalog } as unknown as ModelRegistry;
  const health = new DeploymentHealth();
  return { service: new HealthCheckService(router, health, registry), health, calls, catalog };
}

function withInfo(deployment: DeploymentConfig, info: Partial<DeploymentInfo>): DeploymentConfig {
  return { ...deployment, info: { ...deployment.info, ...info } };
}

const ok = createDeployment('gpt', 'openai/gpt-4o', { apiBase: 'http://a' }, 'ok');
const bad = createDeployment('gpt', 'openai/fail-500', { apiBase: 'http://b' }, 'bad');

const failingOn =
  (model: string): Answer =>
  (call) =>
    call.upstreamModel === model
      ? Promise.reject(
          new GatewayError('litellm.InternalServerError: boom', { status: 500, type: 'api_error' }),
        )
      : Promise.resolve();

describe('HealthCheckService', () => {
  it('calls each deployment once with a minimal non-streaming request and reports the errors', async () => {
    const { service, calls } = setup([ok, bad], failingOn('fail-500'));
    const report = await service.check([ok, bad, ok]);
    expect(calls.map((c) => c.id)).toEqual(['ok', 'bad']);
    expect(calls[0]?.call).toMatchObject({
      callType: 'chat',
      upstreamModel: 'gpt-4o',
      stream: false,
      dropParams: true,
      timeoutMs: 30_000,
      body: { model: 'gpt-4o', max_tokens: 5 },
    });
    expect(report.endpoints).toEqual([
      { deployment: ok, apiBase: 'http://a' },
      {
        deployment: bad,
        apiBase: 'http://b',
        error: 'litellm.InternalServerError: boom',
        errorClass: 'InternalServerError',
      },
    ]);
  });

  it('records into DeploymentHealth only when asked, and marks a recovered deployment healthy', async () => {
    let failing = true;
    const { service, health } = setup([ok, bad], (call) =>
      failing && call.upstreamModel === 'fail-500' ? Promise.reject(new Error('down')) : Promise.resolve(),
    );
    await service.check([ok, bad]);
    expect(health.any()).toBe(false);
    await service.check([ok, bad], { record: true });
    expect(health.isHealthy('ok')).toBe(true);
    expect(health.snapshot().get('bad')).toBe('down');
    failing = false;
    await service.check([ok, bad], { record: true });
    expect(health.any()).toBe(false);
  });

  it('forgets deployments that are no longer configured', async () => {
    const { service, health, catalog } = setup([ok]);
    health.markUnhealthy('removed', 'down');
    await service.check(catalog.allDeployments(), { record: true });
    expect(health.any()).toBe(false);
  });

  it('never calls wildcard routes: neither healthy nor unhealthy', async () => {
    const wildcard = createDeployment('openai/*', 'openai/*', {}, 'wild');
    const { service, calls, health } = setup([wildcard]);
    health.markUnhealthy('wild', 'stale');
    const report = await service.check([wildcard], { record: true });
    expect(calls).toEqual([]);
    expect(report.endpoints).toEqual([]);
    expect(health.isHealthy('wild')).toBe(false);
  });

  it('gives up on a deployment after its timeout and aborts the call', async () => {
    const slow = withInfo(createDeployment('slow', 'openai/slow', {}, 'slow'), {
      extra: { health_check_timeout: 0.05 },
    });
    let aborted = false;
    const { service, calls } = setup([slow], (call) => {
      call.signal.once('abort', () => (aborted = true));
      return new Promise(() => undefined);
    });
    const report = await service.check([slow]);
    expect(calls[0]?.call.timeoutMs).toBe(50);
    expect(report.endpoints[0]?.error).toMatch(/timeout/i);
    expect(aborted).toBe(true);
  });

  it("uses the deployment's own timeout when it has one", async () => {
    const timed = createDeployment('t', 'openai/t', { timeout: 7 }, 't');
    const { service, calls } = setup([timed]);
    await service.check([timed]);
    expect(calls[0]?.call.timeoutMs).toBe(7000);
  });

  it(`calls at most ${HEALTH_CHECK_CONCURRENCY} deployments at once`, async () => {
    const many = Array.from({ length: 10 }, (_, i) => createDeployment('g', `openai/m${i}`, {}, `d${i}`));
    let inFlight = 0;
    let peak = 0;
    const { service, calls } = setup(many, async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
    });
    const report = await service.check(many);
    expect(calls).toHaveLength(10);
    expect(peak).toBe(HEALTH_CHECK_CONCURRENCY);
    expect(report.endpoints.map((e) => e.deployment.info.id)).toEqual(many.map((d) => d.info.id));
  });
});

describe('mapBounded', () => {
  it('keeps the order of the items and handles an empty list', async () => {
    expect(await mapBounded([], 4, () => Promise.resolve(1))).toEqual([]);
    const out = await mapBounded([30, 10, 20], 2, async (ms) => {
      await new Promise((r) => setTimeout(r, ms));
      return ms * 2;
    });
    expect(out).toEqual([60, 20, 40]);
  });
});

import type { DeploymentConfig, GatewayConfig, RoutingPolicy } from '@switchyard/config';
import { createDeployment } from '@switchyard/config/testing';
import { ModelCatalog, type ModelRegistry } from '@switchyard/models';
import type { BoundDeployment, ProviderRegistry } from '@switchyard/providers';
import { describe, expect, it } from 'vitest';

import { Cooldowns } from './cooldowns';
import { DeploymentHealth } from './deployment-health';
import { DeploymentStats } from './deployment-stats';
import { Router } from './router';

const DEFAULT_POLICY: RoutingPolicy = {
  strategy: 'simple-shuffle',
  latencyBuffer: 0,
  numRetries: 0,
  retryPolicy: {},
  retryAfterSeconds: 0,
  allowedFails: 1,
  allowedFailsPolicy: {},
  cooldownSeconds: 60,
  fallbacks: {},
  defaultFallbacks: [],
  contextWindowFallbacks: {},
  contentPolicyFallbacks: {},
  maxFallbacks: 5,
  preCallChecks: false,
};

function routerOf(deployments: DeploymentConfig[], policy: Partial<RoutingPolicy> = {}) {
  const config = {
    routing: { ...DEFAULT_POLICY, ...policy },
    redis: undefined,
    queuePrefix: 'unit',
  } as unknown as GatewayConfig;
  const providers = {
    bind: (config: DeploymentConfig): BoundDeployment => ({
      config,
      apiBase: 'http://x',
      call: () => Promise.reject(new Error('not called')),
    }),
  } as unknown as ProviderRegistry;
  const registry = { catalog: new ModelCatalog(deployments, {}) } as unknown as ModelRegistry;
  const cooldowns = new Cooldowns(config);
  const health = new DeploymentHealth();
  const stats = new DeploymentStats();
  return {
    router: new Router(providers, registry, cooldowns, health, stats, config),
    cooldowns,
    health,
    stats,
  };
}

const deployment = (id: string, params: object = {}, info: object = {}) => {
  const d = createDeployment('g', `openai/${id}`, params, id);
  return { ...d, info: { ...d.info, ...info } };
};

function shares(pick: () => string, n: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const id = pick();
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([id, count]) => [id, count / n]));
}

describe('Router', () => {
  it('splits 2,000 requests 1:3 by weight within ±4 points', () => {
    const { router } = routerOf([deployment('a', { weight: 1 }), deployment('b', { weight: 3 })]);
    const split = shares(() => router.route('g')!.deployment.config.info.id, 2000);
    expect(split.a).toBeGreaterThan(0.21);
    expect(split.a).toBeLessThan(0.29);
    expect(split.b).toBeGreaterThan(0.71);
  });

  it('skips a deployment cooling down, and answers 503 when all of them are', async () => {
    const { router, cooldowns } = routerOf([deployment('a'), deployment('b')]);
    await cooldowns.recordFailure('a', 'InternalServerError', 500, 2);
    await cooldowns.recordFailure('a', 'InternalServerError', 500, 2);
    expect(shares(() => router.route('g')!.deployment.config.info.id, 50)).toEqual({ b: 1 });
    await cooldowns.recordFailure('b', 'AuthenticationError', 401, 2);
    expect(() => router.route('g')).toThrow(
      /No deployments available for selected model, Try again in \d+ seconds/,
    );
  });

  it('never cools down the only deployment of a group', async () => {
    const { router, cooldowns } = routerOf([deployment('solo')]);
    for (let i = 0; i < 5; i++) await cooldowns.recordFailure('solo', 'InternalServerError', 500, 1);
    expect(router.route('g')?.deployment.config.info.id).toBe('solo');
  });

  it('keeps to the best order tier, using a lower one only when the higher is unavailable', async () => {
    const { router, cooldowns } = routerOf([
      deployment('primary', { extra: { order: 1 } }),
      deployment('backup', { extra: { order: 2 } }),
    ]);
    expect(shares(() => router.route('g')!.deployment.config.info.id, 50)).toEqual({ primary: 1 });
    await cooldowns.recordFailure('primary', 'AuthenticationError', 404, 2);
    expect(router.route('g')?.deployment.config.info.id).toBe('backup');
  });

  it('skips unhealthy and already-tried deployments while the group has others', () => {
    const { router, health } = routerOf([deployment('a'), deployment('b')]);
    health.markUnhealthy('a', 'boom');
    expect(shares(() => router.route('g')!.deployment.config.info.id, 30)).toEqual({ b: 1 });
    expect(router.route('g', { exclude: new Set(['b']) })?.deployment.config.info.id).toBe('b');
    health.markHealthy('a');
    expect(router.route('g', { exclude: new Set(['b']) })?.deployment.config.info.id).toBe('a');
  });

  it('filters by context window with enable_pre_call_checks', () => {
    const { router } = routerOf([deployment('small', {}, { maxInputTokens: 100 }), deployment('large')], {
      preCallChecks: true,
    });
    expect(router.route('g', { promptTokens: () => 500 })?.deployment.config.info.id).toBe('large');
    const { router: tooSmall } = routerOf([deployment('small', {}, { maxInputTokens: 100 })], {
      preCallChecks: true,
    });
    expect(() => tooSmall.route('g', { promptTokens: () => 500 })).toThrow(/ContextWindowExceededError/);
  });

  it('least-busy picks the deployment with the fewest requests in flight', () => {
    const { router, stats } = routerOf([deployment('a'), deployment('b')], { strategy: 'least-busy' });
    stats.started('a');
    stats.started('a');
    stats.started('b');
    expect(router.route('g')?.deployment.config.info.id).toBe('b');
    stats.finished('a', 0);
    stats.finished('a', 0);
    expect(router.route('g')?.deployment.config.info.id).toBe('a');
  });

  it('latency-based tries unmeasured deployments, then the fastest, sharing within the buffer', () => {
    const { router, stats } = routerOf([deployment('fast'), deployment('slow'), deployment('close')], {
      strategy: 'latency-based-routing',
      latencyBuffer: 0.5,
    });
    stats.measured('fast', 100);
    stats.measured('slow', 400);
    expect(router.route('g')?.deployment.config.info.id).toBe('close');
    stats.measured('close', 140);
    const split = shares(() => router.route('g')!.deployment.config.info.id, 400);
    expect(split.slow).toBeUndefined();
    expect(split.fast).toBeGreaterThan(0.3);
    expect(split.close).toBeGreaterThan(0.3);
  });

  it('usage-based picks the most headroom and skips deployments over their rpm', () => {
    const { router, stats } = routerOf([deployment('a', { rpm: 10 }), deployment('b', { rpm: 100 })], {
      strategy: 'usage-based-routing-v2',
    });
    for (let i = 0; i < 5; i++) stats.started('a');
    for (let i = 0; i < 20; i++) stats.started('b');
    expect(router.route('g')?.deployment.config.info.id).toBe('b');
    for (let i = 0; i < 80; i++) stats.started('b');
    expect(router.route('g')?.deployment.config.info.id).toBe('a');
  });

  it('cost-based picks the cheapest priced deployment', () => {
    const { router } = routerOf(
      [
        deployment('pricey', {}, { inputCostPerToken: 1e-5, outputCostPerToken: 3e-5 }),
        deployment('cheap', {}, { inputCostPerToken: 1e-7, outputCostPerToken: 4e-7 }),
      ],
      { strategy: 'cost-based-routing' },
    );
    expect(shares(() => router.route('g')!.deployment.config.info.id, 20)).toEqual({ cheap: 1 });
  });
});

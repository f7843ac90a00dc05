import type { GatewayConfig } from '@switchyard/config';
import { GatewayError, type DeploymentAttempt, type RequestSummary } from '@switchyard/kernel';
import { describe, expect, it, vi } from 'vitest';

import { parseExposition, type Sample } from '../../../test/support/exposition';
import type { DeploymentView } from './deployment-instruments';
import { GatewayMetrics } from './gateway-metrics';
import { LATENCY_BUCKETS, metricsOptionsOf } from './labels';
import { MetricsAccess } from './metrics-access';

async function samplesOf(metrics: GatewayMetrics, name: string): Promise<Sample[]> {
  return parseExposition(await metrics.scrape()).filter((s) => s.name === name);
}

async function valueOf(metrics: GatewayMetrics, name: string, labels: Record<string, string> = {}) {
  const matching = (await samplesOf(metrics, name)).filter((s) =>
    Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  return matching.length === 0 ? undefined : matching.reduce((sum, s) => sum + s.value, 0);
}

const KEY_HASH = 'a'.repeat(64);

function summary(overrides: Partial<RequestSummary> = {}): RequestSummary {
  return {
    requestId: 'req-1',
    callType: 'chat',
    status: 200,
    success: true,
    stream: false,
    requestedModel: 'gpt-4o',
    modelGroup: 'gpt-4o',
    deploymentId: 'dep-1',
    litellmModel: 'openai/gpt-4o',
    provider: 'openai',
    apiBase: 'https://api.openai.com/v1',
    keyHash: KEY_HASH,
    keyAlias: 'team-a-key',
    userId: 'user-1',
    teamId: 'team-a',
    teamAlias: 'Team A',
    endUser: 'customer-42',
    latencyMs: 1200,
    llmLatencyMs: 1000,
    timeToFirstTokenMs: null,
    promptTokens: 10,
    completionTokens: 5,
    cost: 0.25,
    cacheHit: false,
    retries: 0,
    fallbacks: 0,
    exceptionClass: null,
    errorMessage: null,
    remainingKeyBudget: 9.75,
    remainingTeamBudget: null,
    keyMaxBudget: 10,
    teamMaxBudget: null,
    ...overrides,
  };
}

function attempt(overrides: Partial<DeploymentAttempt> = {}): DeploymentAttempt {
  return {
    deploymentId: 'dep-1',
    litellmModel: 'openai/gpt-4o',
    modelGroup: 'gpt-4o',
    provider: 'openai',
    apiBase: 'https://api.openai.com/v1',
    success: true,
    status: 200,
    exceptionClass: null,
    latencyMs: 900,
    keyHash: KEY_HASH,
    keyAlias: 'team-a-key',
    teamId: 'team-a',
    teamAlias: null,
    ...overrides,
  };
}

function configWith(litellmSettings: Record<string, unknown>): GatewayConfig {
  return { raw: { litellmSettings, generalSettings: {}, routerSettings: {} } } as unknown as GatewayConfig;
}

describe('GatewayMetrics: requests', () => {
  it("counts requests and failures under LiteLLM's wire names and labels", async () => {
    const metrics = new GatewayMetrics();
    metrics.observeRequest(summary());
    metrics.observeRequest(summary());
    metrics.observeRequest(
      summary({
        status: 429,
        success: false,
        exceptionClass: 'RateLimitError',
        cost: 0,
        promptTokens: 0,
        completionTokens: 0,
      }),
    );

    const total = await samplesOf(metrics, 'litellm_proxy_total_requests_metric_total');
    expect(total).toHaveLength(2);
    expect(total.find((s) => s.labels.status_code === '200')).toEqual({
      name: 'litellm_proxy_total_requests_metric_total',
      labels: {
        end_user: 'None',
        hashed_api_key: KEY_HASH,
        api_key_alias: 'team-a-key',
        team: 'team-a',
        team_alias: 'Team A',
        user: 'user-1',
        requested_model: 'gpt-4o',
        status_code: '200',
        user_email: 'None',
        route: '/chat/completions',
        model_id: 'dep-1',
      },
      value: 2,
    });
    expect(total.find((s) => s.labels.status_code === '429')?.value).toBe(1);

    expect(await samplesOf(metrics, 'litellm_proxy_failed_requests_metric_total')).toEqual([
      {
        name: 'litellm_proxy_failed_requests_metric_total',
        labels: expect.objectContaining({
          exception_status: '429',
          exception_class: 'Openai.RateLimitError',
          requested_model: 'gpt-4o',
          route: '/chat/completions',
        }) as Record<string, string>,
        value: 1,
      },
    ]);
  });

  it('observes every request in the latency histogram with LiteLLM buckets, in seconds', async () => {
    const metrics = new GatewayMetrics();
    metrics.observeRequest(summary({ latencyMs: 1200 }));
    metrics.observeRequest(summary({ latencyMs: 40, success: false, status: 500, llmLatencyMs: null }));

    const buckets = await samplesOf(metrics, 'litellm_request_total_latency_metric_bucket');
    const les = [...new Set(buckets.map((s) => s.labels.le))];
    expect(les).toEqual([...LATENCY_BUCKETS.map(String), '+Inf']);
    expect(await valueOf(metrics, 'litellm_request_total_latency_metric_count')).toBe(2);
    expect(await valueOf(metrics, 'litellm_request_total_latency_metric_sum')).toBeCloseTo(1.24);
    expect(await valueOf(metrics, 'litellm_request_total_latency_metric_bucket', { le: '1' })).toBe(1);
    expect(await valueOf(metrics, 'litellm_request_total_latency_metric_bucket', { le: '1.5' })).toBe(2);
    // The provider's part: only requests that reached one.
    expect(await valueOf(metrics, 'litellm_llm_api_latency_metric_count')).toBe(1);
    expect(await valueOf(metrics, 'litellm_llm_api_latency_metric_sum')).toBeCloseTo(1);
  });

  it('observes time to first token for streams only', async () => {
    const metrics = new GatewayMetrics();
    metrics.observeRequest(summary({ stream: false, timeToFirstTokenMs: 100 }));
    metrics.observeRequest(summary({ stream: true, timeToFirstTokenMs: 250 }));
    expect(await valueOf(metrics, 'litellm_llm_api_time_to_first_token_metric_count')).toBe(1);
    expect(await valueOf(metrics, 'litellm_llm_api_time_to_first_token_metric_sum')).toBeCloseTo(0.25);
  });

  it('adds spend and tokens of successful requests', async () => {
    const metrics = new GatewayMetrics();
    metrics.observeRequest(summary());
    metrics.observeRequest(summary({ cost: 0.5, promptTokens: 20, completionTokens: 7 }));
    metrics.observeRequest(summary({ success: false, status: 500, cost: 0, promptTokens: 0 }));

    const spend = await samplesOf(metrics, 'litellm_spend_metric_total');
    expect(spend).toHaveLength(1);
    expect(spend[0]?.value).toBeCloseTo(0.75);
    expect(spend[0]?.labels).toEqual({
      end_user: 'None',
      hashed_api_key: KEY_HASH,
      api_key_alias: 'team-a-key',
      team: 'team-a',
      team_alias: 'Team A',
      user: 'user-1',
      model: 'openai/gpt-4o',
    });
    expect(await valueOf(metrics, 'litellm_input_tokens_metric_total')).toBe(30);
    expect(await valueOf(metrics, 'litellm_output_tokens_metric_total')).toBe(12);
    expect(await valueOf(metrics, 'litellm_total_tokens_metric_total')).toBe(42);
    expect(await valueOf(metrics, 'litellm_requests_metric_total')).toBe(2);
    expect(await valueOf(metrics, 'litellm_deployment_latency_per_output_token_count')).toBe(2);
  });

  it('sets the budget gauges: remaining, max, and +Inf without a budget', async () => {
    const metrics = new GatewayMetrics();
    metrics.observeRequest(summary({ remainingKeyBudget: 9.75, keyMaxBudget: 10 }));
    metrics.observeRequest(summary({ remainingKeyBudget: 9.5, keyMaxBudget: 10 }));
    metrics.observeRequest(
      summary({ keyHash: 'b'.repeat(64), keyAlias: null, remainingKeyBudget: null, keyMaxBudget: null }),
    );

    expect(
      await valueOf(metrics, 'litellm_remaining_api_key_budget_metric', { hashed_api_key: KEY_HASH }),
    ).toBe(9.5);
    expect(await valueOf(metrics, 'litellm_api_key_max_budget_metric', { hashed_api_key: KEY_HASH })).toBe(
      10,
    );
    expect(
      await samplesOf(metrics, 'litellm_remaining_api_key_budget_metric').then((s) =>
        s.find((x) => x.labels.api_key_alias === 'None'),
      ),
    ).toMatchObject({ labels: { hashed_api_key: 'b'.repeat(64) }, value: Infinity });
    expect(
      await valueOf(metrics, 'litellm_api_key_max_budget_metric', { hashed_api_key: 'b'.repeat(64) }),
    ).toBeUndefined();
    expect(await samplesOf(metrics, 'litellm_remaining_team_budget_metric')).toEqual([
      {
        name: 'litellm_remaining_team_budget_metric',
        labels: { team: 'team-a', team_alias: 'Team A' },
        value: Infinity,
      },
    ]);
  });

  it('keeps end users out of the labels unless enable_end_user_cost_tracking_prometheus_only', async () => {
    const off = new GatewayMetrics();
    off.observeRequest(summary());
    expect((await samplesOf(off, 'litellm_spend_metric_total'))[0]?.labels.end_user).toBe('None');

    const on = new GatewayMetrics(configWith({ enable_end_user_cost_tracking_prometheus_only: true }));
    on.observeRequest(summary());
    expect((await samplesOf(on, 'litellm_spend_metric_total'))[0]?.labels.end_user).toBe('customer-42');
  });

  it('never labels a request id', async () => {
    const metrics = new GatewayMetrics();
    metrics.observeRequest(summary({ requestId: 'chatcmpl-unique-request-id' }));
    expect(await metrics.scrape()).not.toContain('chatcmpl-unique-request-id');
  });

  it('ignores impossible amounts instead of throwing on the request path', async () => {
    const metrics = new GatewayMetrics();
    expect(() =>
      metrics.observeRequest(summary({ cost: -1, latencyMs: Number.NaN, promptTokens: -5 })),
    ).not.toThrow();
    expect(await valueOf(metrics, 'litellm_proxy_total_requests_metric_total')).toBe(1);
    expect(await valueOf(metrics, 'litellm_spend_metric_total')).toBeUndefined();
  });

  it('uses prometheus_latency_buckets when set', async () => {
    const metrics = new GatewayMetrics(configWith({ prometheus_latency_buckets: [0.5, 1, 5] }));
    metrics.observeRequest(summary());
    const les = (await samplesOf(metrics, 'litellm_request_total_latency_metric_bucket')).map(
      (s) => s.labels.le,
    );
    expect(les).toEqual(['0.5', '1', '5', '+Inf']);
  });

  it("exposes Node's process metrics, without prom-client's non-counter _total gauges", async () => {
    const text = await new GatewayMetrics().scrape();
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(text).not.toContain('nodejs_active_handles_total');
  });
});

describe('GatewayMetrics: deployments', () => {
  const views: DeploymentView[] = [
    {
      id: 'dep-1',
      litellmModel: 'openai/gpt-4o',
      provider: 'openai',
      apiBase: 'https://api.openai.com/v1',
      rpm: 60,
    },
    {
      id: 'dep-2',
      litellmModel: 'azure/gpt-4o',
      provider: 'azure',
      apiBase: 'https://x.openai.azure.com',
      tpm: 1000,
    },
    { id: 'dep-3', litellmModel: 'openai/o3', provider: 'openai', apiBase: 'https://api.openai.com/v1' },
  ];

  it('counts calls per deployment: total, successes, failures with status and class', async () => {
    const metrics = new GatewayMetrics();
    metrics.observeAttempt(attempt());
    metrics.observeAttempt(attempt({ success: false, status: 429, exceptionClass: 'RateLimitError' }));
    metrics.observeAttempt(attempt({ success: false, status: 429, exceptionClass: 'RateLimitError' }));

    expect(await valueOf(metrics, 'litellm_deployment_total_requests_total')).toBe(3);
    expect(await samplesOf(metrics, 'litellm_deployment_success_responses_total')).toEqual([
      {
        name: 'litellm_deployment_success_responses_total',
        labels: {
          requested_model: 'gpt-4o',
          litellm_model_name: 'openai/gpt-4o',
          model_id: 'dep-1',
          api_base: 'https://api.openai.com/v1',
          api_provider: 'openai',
          hashed_api_key: KEY_HASH,
          api_key_alias: 'team-a-key',
          team: 'team-a',
          team_alias: 'None',
        },
        value: 1,
      },
    ]);
    expect(
      await valueOf(metrics, 'litellm_deployment_failure_responses_total', {
        exception_status: '429',
        exception_class: 'Openai.RateLimitError',
      }),
    ).toBe(2);
  });

  it('reports deployment state: healthy, partial outage after a failure, complete outage when cooling or unhealthy', async () => {
    const metrics = new GatewayMetrics();
    const cooling = new Set<string>();
    const unhealthy = new Set<string>();
    metrics.watchDeployments({
      deployments: () => views,
      isCoolingDown: (id) => cooling.has(id),
      isUnhealthy: (id) => unhealthy.has(id),
    });
    const state = async (id: string) => valueOf(metrics, 'litellm_deployment_state', { model_id: id });

    expect(await state('dep-1')).toBe(0);
    expect((await samplesOf(metrics, 'litellm_deployment_state'))[1]?.labels).toEqual({
      litellm_model_name: 'azure/gpt-4o',
      model_id: 'dep-2',
      api_base: 'https://x.openai.azure.com',
      api_provider: 'azure',
    });
    metrics.observeAttempt(attempt({ success: false, status: 500, exceptionClass: 'InternalServerError' }));
    expect(await state('dep-1')).toBe(1);
    metrics.observeAttempt(attempt());
    expect(await state('dep-1')).toBe(0);
    cooling.add('dep-1');
    unhealthy.add('dep-3');
    expect(await state('dep-1')).toBe(2);
    expect(await state('dep-3')).toBe(2);
    expect(await state('dep-2')).toBe(0);

    expect(await valueOf(metrics, 'litellm_deployment_rpm_limit', { model_id: 'dep-1' })).toBe(60);
    expect(await valueOf(metrics, 'litellm_deployment_tpm_limit', { model_id: 'dep-2' })).toBe(1000);
    expect(await valueOf(metrics, 'litellm_deployment_tpm_limit', { model_id: 'dep-1' })).toBeUndefined();
  });

  it('counts cooldowns with the status of the failure that caused them', async () => {
    const metrics = new GatewayMetrics();
    metrics.watchDeployments({
      deployments: () => views,
      isCoolingDown: () => false,
      isUnhealthy: () => false,
    });
    metrics.observeAttempt(attempt({ success: false, status: 429, exceptionClass: 'RateLimitError' }));
    metrics.observeCooldown('dep-1');
    metrics.observeCooldown('unknown-deployment');
    expect(await samplesOf(metrics, 'litellm_deployment_cooled_down_total')).toEqual([
      {
        name: 'litellm_deployment_cooled_down_total',
        labels: {
          litellm_model_name: 'openai/gpt-4o',
          model_id: 'dep-1',
          api_base: 'https://api.openai.com/v1',
          api_provider: 'openai',
          exception_status: '429',
        },
        value: 1,
      },
      {
        name: 'litellm_deployment_cooled_down_total',
        labels: {
          litellm_model_name: 'None',
          model_id: 'unknown-deployment',
          api_base: 'None',
          api_provider: 'None',
          exception_status: 'None',
        },
        value: 1,
      },
    ]);
  });

  it("reads the upstream's remaining requests and tokens from its rate-limit headers", async () => {
    const metrics = new GatewayMetrics();
    metrics.observeUpstreamRateLimits(attempt(), {
      'x-ratelimit-remaining-requests': '9999',
      'x-ratelimit-remaining-tokens': '29999000',
      'x-request-id': 'req_123',
    });
    metrics.observeUpstreamRateLimits(
      attempt({
        deploymentId: 'dep-4',
        litellmModel: 'anthropic/claude',
        provider: 'anthropic',
        modelGroup: 'claude',
      }),
      { 'anthropic-ratelimit-requests-remaining': ['49'], 'anthropic-ratelimit-tokens-remaining': 'garbage' },
    );
    metrics.observeUpstreamRateLimits(attempt({ modelGroup: 'none' }), {
      'content-type': 'application/json',
    });

    expect(await samplesOf(metrics, 'litellm_remaining_requests_metric')).toEqual([
      {
        name: 'litellm_remaining_requests_metric',
        labels: {
          model_group: 'gpt-4o',
          api_provider: 'openai',
          api_base: 'https://api.openai.com/v1',
          litellm_model_name: 'openai/gpt-4o',
          hashed_api_key: KEY_HASH,
          api_key_alias: 'team-a-key',
        },
        value: 9999,
      },
      expect.objectContaining({
        labels: expect.objectContaining({ model_group: 'claude' }) as object,
        value: 49,
      }),
    ]);
    expect(await samplesOf(metrics, 'litellm_remaining_tokens_metric')).toEqual([
      expect.objectContaining({
        labels: expect.objectContaining({ model_group: 'gpt-4o' }) as object,
        value: 29999000,
      }),
    ]);
  });
});

describe('GatewayMetrics: cache', () => {
  it('counts hits and misses, tokens served from the cache and Redis failures', async () => {
    const metrics = new GatewayMetrics();
    metrics.observeCache(true, 'chat', 'gpt-4o', { keyHash: KEY_HASH, keyAlias: 'k', teamId: 't' });
    metrics.observeCache(true, 'chat', 'gpt-4o', { keyHash: KEY_HASH, keyAlias: 'k', teamId: 't' });
    metrics.observeCache(false, 'embedding', 'embed');
    metrics.observeRequest(summary({ cacheHit: true, cost: 0, promptTokens: 10, completionTokens: 5 }));
    metrics.observeCacheError('get', new Error('connection lost'));
    metrics.observeCacheError('set', 'oops');

    expect(await samplesOf(metrics, 'litellm_cache_hits_metric_total')).toEqual([
      {
        name: 'litellm_cache_hits_metric_total',
        labels: {
          model: 'gpt-4o',
          hashed_api_key: KEY_HASH,
          api_key_alias: 'k',
          team: 't',
          team_alias: 'None',
          end_user: 'None',
          user: 'None',
          model_id: 'None',
          call_type: 'chat',
        },
        value: 2,
      },
    ]);
    expect(
      await valueOf(metrics, 'litellm_cache_misses_metric_total', { model: 'embed', call_type: 'embedding' }),
    ).toBe(1);
    expect(await valueOf(metrics, 'litellm_cached_tokens_metric_total', { model: 'gpt-4o' })).toBe(15);
    expect(await samplesOf(metrics, 'litellm_redis_failed_requests_total')).toEqual([
      {
        name: 'litellm_redis_failed_requests_total',
        labels: { redis: 'redis', error_class: 'Error', function_name: 'get' },
        value: 1,
      },
      {
        name: 'litellm_redis_failed_requests_total',
        labels: { redis: 'redis', error_class: 'Error', function_name: 'set' },
        value: 1,
      },
    ]);
  });
});

describe('metrics options and access', () => {
  it('reads the litellm_settings that shape the metrics', () => {
    expect(metricsOptionsOf(undefined)).toEqual({
      latencyBuckets: LATENCY_BUCKETS,
      endUserLabels: false,
      requireAuth: false,
    });
    expect(
      metricsOptionsOf(
        configWith({
          require_auth_for_metrics_endpoint: 'True',
          prometheus_latency_buckets: [5, '0.1', 1, Infinity],
          enable_end_user_cost_tracking_prometheus_only: true,
        }),
      ),
    ).toEqual({ latencyBuckets: [0.1, 1, 5], endUserLabels: true, requireAuth: true });
    expect(metricsOptionsOf(configWith({ prometheus_latency_buckets: ['x'] })).latencyBuckets).toBe(
      LATENCY_BUCKETS,
    );
  });

  it('lets anyone scrape by default and asks for a key with require_auth_for_metrics_endpoint', async () => {
    const authenticate = vi.fn(async (headers: Record<string, unknown>) => {
      if (!headers.authorization)
        throw GatewayError.unauthorized('Authentication Error, No api key passed in.');
      return { kind: 'master' };
    });
    const auth = { authenticate } as unknown as ConstructorParameters<typeof MetricsAccess>[0];

    await new MetricsAccess(auth, configWith({})).check({});
    expect(authenticate).not.toHaveBeenCalled();

    const guarded = new MetricsAccess(auth, configWith({ require_auth_for_metrics_endpoint: true }));
    await expect(guarded.check({})).rejects.toMatchObject({ status: 401 });
    await expect(guarded.check({ authorization: 'Bearer sk-master' })).resolves.toBeUndefined();
  });
});

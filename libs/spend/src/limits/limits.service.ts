import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { GATEWAY_CONFIG, type DeploymentConfig, type GatewayConfig } from '@switchyard/config';
import { IdentityEvents, type EntityLimits, type KeyIdentity } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';
import { createFailFastRedis } from '@switchyard/queue';
import type { Redis } from 'ioredis';

import { type Admission, type LimitScope, type LimitStore } from './limit-scope';
import { MemoryLimitStore } from './memory-limit-store';
import { RedisLimitStore } from './redis-limit-store';

/** The limits a request was admitted under, to settle once its cost is known. */
export interface Reservation {
  readonly scopes: readonly LimitScope[];
  readonly estimate: number;
  readonly minute: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Budget spent before this request, by scope kind (`key`, `team`...), where one is set. */
  readonly spent: Readonly<Partial<Record<LimitScope['kind'], number>>>;
}

const NONE: Reservation = Object.freeze({ scopes: [], estimate: 0, minute: 0, headers: {}, spent: {} });

function limited(limits: EntityLimits): boolean {
  return (
    limits.maxBudget !== null ||
    limits.rpmLimit !== null ||
    limits.tpmLimit !== null ||
    limits.maxParallelRequests !== null
  );
}

function scopeOf(id: string, kind: LimitScope['kind'], label: string, limits: EntityLimits): LimitScope {
  return {
    id,
    kind,
    label,
    maxBudget: limits.maxBudget,
    baseSpend: limits.spend,
    rpm: limits.rpmLimit,
    tpm: limits.tpmLimit,
    parallel: limits.maxParallelRequests,
  };
}

function refusal(scope: LimitScope, admission: Extract<Admission, { ok: false }>): GatewayError {
  const resetAt = new Date(Date.now() + admission.resetSeconds * 1000);
  const headers = { 'retry-after': String(admission.resetSeconds) };
  if (admission.kind === 'budget') {
    const spent = admission.used;
    const max = scope.maxBudget;
    const messages: Record<LimitScope['kind'], string> = {
      key: `Budget has been exceeded! Key=${scope.label} Current cost: ${spent}, Max budget: ${max}`,
      team: `Budget has been exceeded! Team=${scope.label} Current cost: ${spent}, Max budget: ${max}`,
      organization: `Budget has been exceeded! Organization=${scope.label} Current cost: ${spent}, Max budget: ${max}`,
      user: `ExceededBudget: User=${scope.label} over budget. Spend=${spent}, Budget=${max}`,
      end_user: `Budget has been exceeded: User ${scope.label} has exceeded their budget. Current spend: ${spent}; Max Budget: ${max}`,
      key_model: scope.label,
      deployment: `Budget has been exceeded! Model=${scope.label} Current cost: ${spent}, Max budget: ${max}`,
    };
    const message = messages[scope.kind];
    return new GatewayError(message, { status: 429, type: 'budget_exceeded', headers });
  }
  const limit =
    admission.kind === 'requests' ? scope.rpm : admission.kind === 'tokens' ? scope.tpm : scope.parallel;
  const descriptor = scope.kind === 'key' ? 'api_key' : scope.kind === 'deployment' ? 'model' : scope.kind;
  const stamp = resetAt.toISOString().replace('T', ' ').slice(0, 19);
  return new GatewayError(
    `Rate limit exceeded for ${descriptor}: ${scope.label}. Limit type: ${admission.kind}. Current limit: ${limit}, Remaining: 0. Limit resets at: ${stamp} UTC`,
    {
      status: 429,
      type: 'throttling_error',
      headers: { ...headers, rate_limit_type: admission.kind, reset_at: resetAt.toISOString() },
    },
  );
}

/**
 * Budgets and rate limits on the request path: one atomic check-and-reserve against shared
 * counters before the upstream call (Redis, or memory without it), settled with the real cost.
 */
@Injectable()
export class LimitsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Limits');
  private readonly store: LimitStore;
  private readonly redis: Redis | undefined;
  private readonly keyScopes = new WeakMap<KeyIdentity, LimitScope[]>();
  private readonly deploymentScopes = new WeakMap<DeploymentConfig, LimitScope | null>();
  private lastFailureLog = 0;
  private readonly maxEndUserBudget: number | undefined;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, events: IdentityEvents) {
    this.maxEndUserBudget = config.litellmSettings.maxEndUserBudget;
    if (config.redis) {
      this.redis = createFailFastRedis(config.redis);
      this.store = new RedisLimitStore(this.redis, config.queuePrefix);
    } else {
      this.store = new MemoryLimitStore();
    }
    events.on((event) => {
      if (event.type === 'budget-reset') void this.store.resetSpent(event.scopes).catch(() => undefined);
    });
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }

  /**
   * @hotpath Admits the request or throws LiteLLM's 429 (budget exceeded or rate limited).
   * `estimateCost` gives the cost reserved against budgets until the real cost is known. Without any
   * limit on the key, its user, its team or the deployment, nothing is checked.
   */
  async admit(
    identity: KeyIdentity | undefined,
    deployment: DeploymentConfig,
    request: { readonly modelGroup: string; readonly endUser: string | null },
    estimateCost: () => number,
  ): Promise<Reservation> {
    const scopes = this.scopesOf(identity, deployment, request.modelGroup, request.endUser);
    if (scopes.length === 0) return NONE;
    const estimate = estimateCost();
    const minute = Math.floor(Date.now() / 60_000);
    let admission: Admission;
    try {
      admission = await this.store.admit(scopes, estimate, minute);
    } catch (error) {
      // Limits fail open: an unreachable Redis must not take the gateway down with it.
      if (Date.now() - this.lastFailureLog > 10_000) {
        this.lastFailureLog = Date.now();
        this.logger.warn(
          `limits not enforced, Redis unreachable: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return NONE;
    }
    if (!admission.ok) throw refusal(scopes[admission.scope] as LimitScope, admission);
    const first = scopes[0] as LimitScope;
    const remaining = admission.remaining[0];
    const headers: Record<string, string> = {};
    if (first.rpm !== null) {
      headers['x-ratelimit-limit-requests'] = String(first.rpm);
      headers['x-ratelimit-remaining-requests'] = String(Math.max(0, remaining?.requests ?? 0));
    }
    if (first.tpm !== null) {
      headers['x-ratelimit-limit-tokens'] = String(first.tpm);
      headers['x-ratelimit-remaining-tokens'] = String(Math.max(0, remaining?.tokens ?? 0));
    }
    const spent: Partial<Record<LimitScope['kind'], number>> = {};
    scopes.forEach((scope, i) => {
      const value = admission.remaining[i]?.spent;
      if (value !== null && value !== undefined && spent[scope.kind] === undefined) spent[scope.kind] = value;
    });
    return { scopes, estimate, minute, headers, spent };
  }

  /** After the response (or failure): replaces the reservation by the real cost and tokens. */
  settle(reservation: Reservation, cost: number, tokens: number): void {
    if (reservation.scopes.length === 0) return;
    try {
      this.store.settle(reservation.scopes, reservation.estimate, cost, tokens, reservation.minute);
    } catch {
      // Redis unreachable: the counters expire and are re-seeded from the ledger's totals.
    }
  }

  private scopesOf(
    identity: KeyIdentity | undefined,
    deployment: DeploymentConfig,
    modelGroup: string,
    endUser: string | null,
  ): LimitScope[] {
    let scopes = identity ? this.keyScopes.get(identity) : [];
    if (scopes === undefined && identity) {
      scopes = [];
      const { key, user, team } = identity;
      const keyLimits = {
        maxBudget: key.maxBudget,
        spend: key.spend,
        rpmLimit: key.rpmLimit,
        tpmLimit: key.tpmLimit,
        maxParallelRequests: key.maxParallelRequests,
      };
      if (limited(keyLimits))
        scopes.push(scopeOf(`key:${identity.hash}`, 'key', key.keyAlias ?? key.keyName, keyLimits));
      if (user && limited(user)) scopes.push(scopeOf(`user:${user.id}`, 'user', user.id, user));
      if (team && limited(team)) scopes.push(scopeOf(`team:${team.id}`, 'team', team.id, team));
      const { organization } = identity;
      if (organization && limited(organization)) {
        scopes.push(scopeOf(`org:${organization.id}`, 'organization', organization.id, organization));
      }
      this.keyScopes.set(identity, scopes);
    }
    let deploymentScope = this.deploymentScopes.get(deployment);
    if (deploymentScope === undefined) {
      const { rpm, tpm } = deployment.params;
      deploymentScope =
        rpm !== undefined || tpm !== undefined
          ? {
              id: `deployment:${deployment.info.id}`,
              kind: 'deployment',
              label: deployment.modelName,
              maxBudget: null,
              baseSpend: 0,
              rpm: rpm ?? null,
              tpm: tpm ?? null,
              parallel: null,
            }
          : null;
      this.deploymentScopes.set(deployment, deploymentScope);
    }
    const perRequest = [
      ...(identity ? this.modelBudgetScope(identity, modelGroup) : []),
      ...(endUser && this.maxEndUserBudget !== undefined
        ? [
            {
              id: `end_user:${endUser}`,
              kind: 'end_user' as const,
              label: endUser,
              maxBudget: this.maxEndUserBudget,
              baseSpend: 0,
              rpm: null,
              tpm: null,
              parallel: null,
            },
          ]
        : []),
      ...(deploymentScope ? [deploymentScope] : []),
    ];
    return perRequest.length > 0 ? [...(scopes ?? []), ...perRequest] : (scopes ?? []);
  }

  /** `model_max_budget: {"gpt-4o": 0.5}` or `{"gpt-4o": {"budget_limit": 0.5}}` on a key. */
  private modelBudgetScope(identity: KeyIdentity, modelGroup: string): LimitScope[] {
    const entry = identity.key.modelMaxBudget[modelGroup];
    const limit =
      typeof entry === 'number' ? entry : (entry as { budget_limit?: unknown } | undefined)?.budget_limit;
    if (typeof limit !== 'number') return [];
    const { key } = identity;
    return [
      {
        id: `key_model:${identity.hash}:${modelGroup}`,
        kind: 'key_model',
        label: `LiteLLM Virtual Key: ${key.keyName}, key_alias: ${key.keyAlias ?? 'None'}, exceeded budget for model=${modelGroup}`,
        maxBudget: limit,
        baseSpend: 0,
        rpm: null,
        tpm: null,
        parallel: null,
      },
    ];
  }
}

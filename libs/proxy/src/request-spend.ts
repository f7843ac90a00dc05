import type { IncomingHttpHeaders } from 'node:http';

import type { RequestPrincipal } from '@switchyard/auth';
import { GatewayError } from '@switchyard/kernel';
import type { CallType } from '@switchyard/providers';
import type { Route } from '@switchyard/routing';
import type { SpendEvent, Usage } from '@switchyard/spend';

/** What the ledger needs to know about a request, gathered as the request goes. */
export interface RequestSpend {
  readonly requestId: string;
  readonly callType: CallType;
  readonly principal: RequestPrincipal;
  readonly model: string;
  readonly endUser: string | null;
  readonly tags: readonly string[];
  readonly startTime: number;
  readonly messages: unknown;
  route: Route | undefined;
}

function tagsOf(body: Record<string, unknown>, headers: IncomingHttpHeaders): string[] {
  const tags = new Set<string>();
  const add = (value: unknown) => {
    if (Array.isArray(value)) for (const tag of value) if (typeof tag === 'string' && tag) tags.add(tag);
  };
  add((body.metadata as { tags?: unknown } | undefined)?.tags);
  add(body.tags);
  const header = headers['x-litellm-tags'];
  if (typeof header === 'string') add(header.split(',').map((tag) => tag.trim()));
  return [...tags];
}

/** @hotpath */
export function requestSpend(
  requestId: string,
  callType: CallType,
  principal: RequestPrincipal,
  model: string,
  body: Record<string, unknown>,
  headers: IncomingHttpHeaders,
  storePrompts: boolean,
): RequestSpend {
  return {
    requestId,
    callType,
    principal,
    model,
    endUser: typeof body.user === 'string' ? body.user : null,
    tags:
      body.metadata !== undefined || body.tags !== undefined || headers['x-litellm-tags'] !== undefined
        ? tagsOf(body, headers)
        : [],
    startTime: Date.now(),
    messages: storePrompts ? (body.messages ?? body.prompt ?? body.input ?? null) : undefined,
    route: undefined,
  };
}

/** @hotpath The ledger's record of a finished request. */
export function spendEvent(
  spend: RequestSpend,
  status: 'success' | 'failure',
  usage: Usage,
  cost: number,
  extra: { response?: unknown; error?: unknown; cacheHit?: boolean } = {},
): SpendEvent {
  const identity = spend.principal.kind === 'key' ? spend.principal.identity : undefined;
  const route = spend.route;
  return {
    v: 1,
    requestId: spend.requestId,
    callType: spend.callType,
    apiKey: identity?.hash ?? null,
    keyAlias: identity?.key.keyAlias ?? null,
    userId: identity?.key.userId ?? null,
    teamId: identity?.key.teamId ?? null,
    organizationId: identity?.key.organizationId ?? null,
    endUser: spend.endUser,
    model: spend.model,
    modelGroup: route?.group ?? null,
    modelId: route?.deployment.config.info.id ?? null,
    provider: route?.deployment.config.params.provider ?? null,
    apiBase: route?.deployment.apiBase ?? null,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    cachedTokens: usage.cachedTokens,
    cost,
    startTime: spend.startTime,
    endTime: Date.now(),
    status,
    cacheHit: extra.cacheHit ?? false,
    tags: spend.tags,
    ...(spend.messages !== undefined ? { messages: spend.messages, response: extra.response ?? null } : {}),
    ...(extra.error !== undefined
      ? { errorCode: extra.error instanceof GatewayError ? String(extra.error.status) : 'internal' }
      : {}),
  };
}

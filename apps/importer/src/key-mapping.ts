import { hashKey, maskKey } from '@switchyard/identity';

import { budgetWindowOf, limitsOf } from './field-mapping';
import type { KeyRecord, Mapped } from './import-records';
import { flag, numberOf, object, text, texts, timestamp, type LiteLlmRow } from './litellm-row';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The stored hash and masked name of a key row's `token`, or why the token is unusable. */
function tokenOf(row: LiteLlmRow, notes: string[]): { hash: string; keyName: string } | { skip: string } {
  const token = text(row, 'token');
  if (token === null) return { skip: 'no token' };
  if (SHA256_HEX.test(token)) return { hash: token, keyName: text(row, 'key_name') ?? 'sk-...' };
  // With hashing disabled LiteLLM stores the key itself; it hashes `sk-` keys before lookup.
  if (token.startsWith('sk-')) {
    notes.push('stored unhashed in LiteLLM: copied as its SHA-256 hash (the key itself is not stored)');
    return { hash: hashKey(token), keyName: maskKey(token) };
  }
  return { skip: 'token is neither a SHA-256 hex digest nor an sk- key, so no client could present it' };
}

/**
 * A `LiteLLM_VerificationToken` row. `soft_budget` lives on the key's budget row in LiteLLM;
 * the other limits come from the key and, where the key has none, from that budget row.
 */
export function mapKey(row: LiteLlmRow, budget: LiteLlmRow | undefined, now: Date): Mapped<KeyRecord> {
  const notes: string[] = [];
  const token = tokenOf(row, notes);
  if ('skip' in token) return token;
  const own = { window: budgetWindowOf(row, notes), limits: limitsOf(row, notes) };
  const shared = budget
    ? { window: budgetWindowOf(budget, []), limits: limitsOf(budget, []) }
    : { window: { budgetDuration: null, budgetResetAt: null }, limits: own.limits };
  const window = own.window.budgetDuration !== null ? own.window : shared.window;
  const expiresAt = timestamp(row, 'expires');
  if (expiresAt !== null && expiresAt <= now) {
    notes.push(
      `expired on ${expiresAt.toISOString()}: copied with its expiry, so it is refused as in LiteLLM`,
    );
  }
  const metadata = object(row, 'metadata');
  return {
    value: {
      ...token,
      keyAlias: text(row, 'key_alias'),
      userId: text(row, 'user_id'),
      teamId: text(row, 'team_id'),
      organizationId: text(row, 'organization_id'),
      models: texts(row, 'models'),
      aliases: object(row, 'aliases'),
      maxBudget: numberOf(row, 'max_budget') ?? (budget ? numberOf(budget, 'max_budget') : null),
      softBudget: budget ? numberOf(budget, 'soft_budget') : null,
      ...window,
      spend: numberOf(row, 'spend') ?? 0,
      rpmLimit: own.limits.rpmLimit ?? shared.limits.rpmLimit,
      tpmLimit: own.limits.tpmLimit ?? shared.limits.tpmLimit,
      maxParallelRequests: own.limits.maxParallelRequests ?? shared.limits.maxParallelRequests,
      modelMaxBudget: object(row, 'model_max_budget'),
      expiresAt,
      blocked: flag(row, 'blocked'),
      metadata,
      tags: texts(metadata, 'tags'),
      createdBy: text(row, 'created_by'),
      updatedBy: text(row, 'updated_by'),
      createdAt: timestamp(row, 'created_at'),
    },
    notes,
  };
}

import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { GatewayError } from '@switchyard/kernel';

import { AccessPolicy } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { IdentityTransaction, unique } from '../identity-transaction';
import { generateKey, hashKey, maskKey } from '../keys/key-format';
import { KeyRepository } from '../keys/key.repository';
import type { VirtualKey } from '../keys/key.types';
import { IdentityEvents } from '../runtime/identity-events';
import type { Page, PageRequest } from '../paging';
import { UserRepository, type UserFilter, type UserSort } from './user.repository';
import type { UserFields, UserRecord } from './user.types';

const notFound = (id: string) => GatewayError.notFound(`User not found: user_id=${id}`, 'user_id');

/** Users: created by admins (with a first key, as LiteLLM's /user/new), read by themselves. */
@Injectable()
export class UserService {
  constructor(
    private readonly events: IdentityEvents,
    private readonly keys: KeyRepository,
    private readonly transaction: IdentityTransaction,
    private readonly users: UserRepository,
  ) {}

  async create(
    principal: Principal,
    id: string | undefined,
    fields: UserFields,
    autoCreateKey: boolean,
  ): Promise<{ user: UserRecord; key: string | null; keyRecord: VirtualKey | null }> {
    AccessPolicy.requireAdmin(principal, 'create users');
    const userId = id ?? randomUUID();
    return this.transaction.run(async (tx, audit) => {
      if (await this.users.find(tx, userId))
        throw GatewayError.badRequest(`User already exists: user_id=${userId}`, 'user_id');
      const user = await unique('user_email', fields.email, () => this.users.create(tx, userId, fields));
      await audit({
        action: 'created',
        entityType: 'user',
        entityId: user.id,
        changedBy: principal.userId,
        after: user,
      });
      if (!autoCreateKey) return { user, key: null, keyRecord: null };
      const key = generateKey();
      const keyRecord = await this.keys.create(
        tx,
        hashKey(key),
        maskKey(key),
        { userId: user.id },
        principal.userId,
      );
      await audit({
        action: 'created',
        entityType: 'key',
        entityId: keyRecord.id,
        changedBy: principal.userId,
        after: keyRecord,
      });
      return { user, key, keyRecord };
    });
  }

  async info(principal: Principal, id: string): Promise<{ user: UserRecord; keys: VirtualKey[] }> {
    if (!AccessPolicy.canReadAll(principal) && principal.userId !== id) {
      throw GatewayError.forbidden(`You can only view your own user. Your role is = ${principal.role}`);
    }
    const client = this.transaction.client;
    const user = await this.users.find(client, id);
    if (!user) throw notFound(id);
    const { keys } = await this.keys.list(client, { userId: id }, { skip: 0, take: 1000 });
    return { user, keys };
  }

  async update(principal: Principal, id: string, fields: UserFields): Promise<UserRecord> {
    AccessPolicy.requireAdmin(principal, 'update users');
    const updated = await this.transaction.run(async (tx, audit) => {
      const before = await this.users.find(tx, id);
      if (!before) throw notFound(id);
      const after = await unique('user_email', fields.email, () => this.users.update(tx, id, fields));
      await audit({
        action: 'updated',
        entityType: 'user',
        entityId: id,
        changedBy: principal.userId,
        before,
        after,
      });
      return after;
    });
    this.events.publish({ type: 'user', id });
    return updated;
  }

  async delete(principal: Principal, ids: readonly string[]): Promise<void> {
    AccessPolicy.requireAdmin(principal, 'delete users');
    const hashes = await this.transaction.run(async (tx, audit) => {
      const all: string[] = [];
      for (const id of ids) {
        const before = await this.users.find(tx, id);
        if (!before) throw notFound(id);
        all.push(...(await this.keys.hashesOf(tx, { userId: id })));
        await this.users.delete(tx, id);
        await audit({
          action: 'deleted',
          entityType: 'user',
          entityId: id,
          changedBy: principal.userId,
          before,
        });
      }
      return all;
    });
    this.events.publish({ type: 'keys', hashes });
    for (const id of ids) this.events.publish({ type: 'user', id });
  }

  async list(principal: Principal, filter: { role?: string }, page: { page: number; size: number }) {
    AccessPolicy.requireReadAll(principal, 'list users');
    return this.users.list(this.transaction.client, filter, {
      skip: (page.page - 1) * page.size,
      take: page.size,
    });
  }

  /** A page of users by cursor: admins and viewers see everyone, anyone else only themselves. */
  page(principal: Principal, filter: UserFilter, request: PageRequest<UserSort>): Promise<Page<UserRecord>> {
    const scope = AccessPolicy.canReadAll(principal) ? {} : { ids: [principal.userId] };
    return this.users.page(this.transaction.client, { ...filter, ...scope }, request);
  }

  /** Users by id for batched loading (one query; callers check access to what refers to them). */
  byIds(ids: readonly string[]): Promise<UserRecord[]> {
    return this.users.byIds(this.transaction.client, ids);
  }
}

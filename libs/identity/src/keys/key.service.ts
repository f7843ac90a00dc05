import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@switchyard/db';
import { GatewayError } from '@switchyard/kernel';

import { AccessPolicy } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { AuditRepository } from '../audit/audit.repository';
import { IdentityEvents } from '../runtime/identity-events';
import { generateKey, hashKey, maskKey } from './key-format';
import type { Page, PageRequest } from '../paging';
import { KeyRepository, type KeyFilter, type KeySort } from './key.repository';
import type { KeyFields, KeyRef, VirtualKey } from './key.types';

const HASH = /^[0-9a-f]{64}$/;

function notFound(): GatewayError {
  return GatewayError.notFound('Key not found in database', 'key');
}

function hashOf(key: string): string {
  return HASH.test(key) ? key : hashKey(key);
}

/** Virtual keys: generate (shown once), update, delete, regenerate, block — each audited. */
@Injectable()
export class KeyService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly events: IdentityEvents,
    private readonly keys: KeyRepository,
    private readonly prisma: PrismaService,
  ) {}

  async generate(principal: Principal, fields: KeyFields): Promise<{ key: string; record: VirtualKey }> {
    const owned: KeyFields = {
      ...fields,
      userId: fields.userId ?? (principal.isMaster ? null : principal.userId),
    };
    this.requireWrite(principal, { userId: owned.userId ?? null, teamId: owned.teamId ?? null });
    const key = generateKey();
    const record = await this.transaction(async (tx) => {
      await this.checkReferences(tx, owned);
      const created = await this.keys.create(tx, hashKey(key), maskKey(key), owned, principal.userId);
      await this.audit.write(tx, {
        action: 'created',
        entityType: 'key',
        entityId: created.id,
        changedBy: principal.userId,
        after: created,
      });
      return created;
    });
    return { key, record };
  }

  async info(principal: Principal, ref: KeyRef): Promise<VirtualKey> {
    const found = await this.find(this.prisma, ref);
    if (!AccessPolicy.canReadKey(principal, found.key)) {
      throw GatewayError.forbidden(`You are not allowed to view this key. Your role is = ${principal.role}`);
    }
    return found.key;
  }

  async list(
    principal: Principal,
    filter: { userId?: string; teamId?: string; keyAlias?: string },
    page: { page: number; size: number },
  ): Promise<{ keys: VirtualKey[]; total: number }> {
    return this.keys.list(
      this.prisma,
      { ...filter, ...this.scopeOf(principal) },
      { skip: (page.page - 1) * page.size, take: page.size },
    );
  }

  /** A page of the keys the principal may read (the same scope as `list`), by cursor. */
  page(principal: Principal, filter: KeyFilter, request: PageRequest<KeySort>): Promise<Page<VirtualKey>> {
    return this.keys.page(this.prisma, { ...filter, ...this.scopeOf(principal) }, request);
  }

  async update(
    principal: Principal,
    ref: KeyRef,
    fields: KeyFields,
    action: 'updated' | 'blocked' | 'unblocked' = 'updated',
  ): Promise<VirtualKey> {
    const { updated, hash } = await this.transaction(async (tx) => {
      const found = await this.find(tx, ref);
      this.requireWrite(principal, found.key);
      const target = {
        userId: fields.userId !== undefined ? fields.userId : found.key.userId,
        teamId: fields.teamId !== undefined ? fields.teamId : found.key.teamId,
      };
      this.requireWrite(principal, target);
      await this.checkReferences(tx, fields);
      const changed = await this.keys.update(tx, found.key.id, fields, principal.userId);
      await this.audit.write(tx, {
        action,
        entityType: 'key',
        entityId: changed.id,
        changedBy: principal.userId,
        before: found.key,
        after: changed,
      });
      return { updated: changed, hash: found.hash };
    });
    this.events.publish({ type: 'keys', hashes: [hash] });
    return updated;
  }

  async delete(principal: Principal, refs: readonly KeyRef[]): Promise<string[]> {
    const hashes: string[] = [];
    const ids = await this.transaction(async (tx) => {
      const deleted: string[] = [];
      for (const ref of refs) {
        const found = await this.find(tx, ref);
        this.requireWrite(principal, found.key);
        await this.keys.delete(tx, found.key.id);
        await this.audit.write(tx, {
          action: 'deleted',
          entityType: 'key',
          entityId: found.key.id,
          changedBy: principal.userId,
          before: found.key,
        });
        deleted.push(found.key.id);
        hashes.push(found.hash);
      }
      return deleted;
    });
    this.events.publish({ type: 'keys', hashes });
    return ids;
  }

  /** A new secret for the same key record; the old one stops working at once. */
  async regenerate(
    principal: Principal,
    ref: KeyRef,
    fields: KeyFields = {},
  ): Promise<{ key: string; record: VirtualKey }> {
    const key = generateKey();
    const { record, oldHash } = await this.transaction(async (tx) => {
      const found = await this.find(tx, ref);
      this.requireWrite(principal, found.key);
      await this.checkReferences(tx, fields);
      if (Object.keys(fields).length > 0) await this.keys.update(tx, found.key.id, fields, principal.userId);
      const renewed = await this.keys.replaceHash(
        tx,
        found.key.id,
        hashKey(key),
        maskKey(key),
        principal.userId,
      );
      await this.audit.write(tx, {
        action: 'regenerated',
        entityType: 'key',
        entityId: renewed.id,
        changedBy: principal.userId,
        before: found.key,
        after: renewed,
      });
      return { record: renewed, oldHash: found.hash };
    });
    this.events.publish({ type: 'keys', hashes: [oldHash] });
    return { key, record };
  }

  block(principal: Principal, ref: KeyRef): Promise<VirtualKey> {
    return this.update(principal, ref, { blocked: true }, 'blocked');
  }

  unblock(principal: Principal, ref: KeyRef): Promise<VirtualKey> {
    return this.update(principal, ref, { blocked: false }, 'unblocked');
  }

  private requireWrite(principal: Principal, key: { userId: string | null; teamId: string | null }): void {
    if (!AccessPolicy.canWriteKey(principal, key)) {
      throw GatewayError.forbidden(
        `You are not allowed to manage this key. Your role is = ${principal.role}`,
        'team_member_permission_error',
      );
    }
  }

  private scopeOf(principal: Principal): Pick<KeyFilter, 'ownerId' | 'teamIds'> {
    return AccessPolicy.canReadAll(principal)
      ? {}
      : { ownerId: principal.userId, teamIds: [...principal.adminOfTeams] };
  }

  private async find(tx: Prisma.TransactionClient, ref: KeyRef): Promise<{ key: VirtualKey; hash: string }> {
    const found =
      'id' in ref ? await this.keys.findById(tx, ref.id) : await this.keys.findByHash(tx, hashOf(ref.key));
    if (!found) throw notFound();
    return found;
  }

  private async checkReferences(tx: Prisma.TransactionClient, fields: KeyFields): Promise<void> {
    if (
      fields.teamId &&
      !(await tx.team.findUnique({ where: { id: fields.teamId }, select: { id: true } }))
    ) {
      throw GatewayError.badRequest(`Team not found: team_id=${fields.teamId}`, 'team_id');
    }
    if (
      fields.userId &&
      !(await tx.user.findUnique({ where: { id: fields.userId }, select: { id: true } }))
    ) {
      throw GatewayError.badRequest(`User not found: user_id=${fields.userId}`, 'user_id');
    }
    if (
      fields.organizationId &&
      !(await tx.organization.findUnique({ where: { id: fields.organizationId }, select: { id: true } }))
    ) {
      throw GatewayError.badRequest(
        `Organization not found: organization_id=${fields.organizationId}`,
        'organization_id',
      );
    }
  }

  private transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }
}

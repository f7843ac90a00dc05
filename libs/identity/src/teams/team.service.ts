import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { GatewayError } from '@switchyard/kernel';

import { AccessPolicy } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { IdentityTransaction, unique, type Tx } from '../identity-transaction';
import { KeyRepository } from '../keys/key.repository';
import type { VirtualKey } from '../keys/key.types';
import { IdentityEvents } from '../runtime/identity-events';
import { UserRepository } from '../users/user.repository';
import type { Page, PageRequest } from '../paging';
import { TeamRepository, type TeamFilter, type TeamSort } from './team.repository';
import type { MemberRef, TeamFields, TeamMember, TeamRecord } from './team.types';

const notFound = (id: string) => GatewayError.notFound(`Team not found: team_id=${id}`, 'team_id');

/** Teams and their members; a team admin manages its own team's members. */
@Injectable()
export class TeamService {
  constructor(
    private readonly events: IdentityEvents,
    private readonly keys: KeyRepository,
    private readonly teams: TeamRepository,
    private readonly transaction: IdentityTransaction,
    private readonly users: UserRepository,
  ) {}

  async create(
    principal: Principal,
    id: string | undefined,
    fields: TeamFields,
    members: readonly MemberRef[],
  ): Promise<TeamRecord> {
    AccessPolicy.requireAdmin(principal, 'create teams');
    const teamId = id ?? randomUUID();
    return this.transaction.run(async (tx, audit) => {
      if (await this.teams.find(tx, teamId))
        throw GatewayError.badRequest(`Team already exists: team_id=${teamId}`, 'team_id');
      await this.checkOrganization(tx, fields.organizationId);
      await unique('team_alias', fields.alias, () => this.teams.create(tx, teamId, fields));
      for (const member of members)
        await this.teams.upsertMember(tx, teamId, await this.memberUserId(tx, member), member.role);
      const team = (await this.teams.find(tx, teamId)) as TeamRecord;
      await audit({
        action: 'created',
        entityType: 'team',
        entityId: teamId,
        changedBy: principal.userId,
        after: team,
      });
      return team;
    });
  }

  /** The team, for its members and those who read every team. */
  async read(principal: Principal, id: string): Promise<TeamRecord> {
    if (!AccessPolicy.canReadTeam(principal, id))
      throw GatewayError.forbidden(`You are not a member of team ${id}. Your role is = ${principal.role}`);
    const team = await this.teams.find(this.transaction.client, id);
    if (!team) throw notFound(id);
    return team;
  }

  /** `/team/info`: the team and its keys. */
  async info(principal: Principal, id: string): Promise<{ team: TeamRecord; keys: VirtualKey[] }> {
    const team = await this.read(principal, id);
    const { keys } = await this.keys.list(this.transaction.client, { teamId: id }, { skip: 0, take: 1000 });
    return { team, keys };
  }

  async update(principal: Principal, id: string, fields: TeamFields): Promise<TeamRecord> {
    AccessPolicy.requireAdmin(principal, 'update teams');
    const team = await this.transaction.run(async (tx, audit) => {
      const before = await this.teams.find(tx, id);
      if (!before) throw notFound(id);
      await this.checkOrganization(tx, fields.organizationId);
      const after = await unique('team_alias', fields.alias, () => this.teams.update(tx, id, fields));
      await audit({
        action: 'updated',
        entityType: 'team',
        entityId: id,
        changedBy: principal.userId,
        before,
        after,
      });
      return after;
    });
    this.events.publish({ type: 'team', id });
    return team;
  }

  async delete(principal: Principal, ids: readonly string[]): Promise<void> {
    AccessPolicy.requireAdmin(principal, 'delete teams');
    const hashes = await this.transaction.run(async (tx, audit) => {
      const all: string[] = [];
      for (const id of ids) {
        const before = await this.teams.find(tx, id);
        if (!before) throw notFound(id);
        all.push(...(await this.keys.hashesOf(tx, { teamId: id })));
        await this.teams.delete(tx, id);
        await audit({
          action: 'deleted',
          entityType: 'team',
          entityId: id,
          changedBy: principal.userId,
          before,
        });
      }
      return all;
    });
    this.events.publish({ type: 'keys', hashes });
    for (const id of ids) this.events.publish({ type: 'team', id });
  }

  async list(
    principal: Principal,
    filter: { organizationId?: string },
    page: { page: number; size: number },
  ) {
    return this.teams.list(
      this.transaction.client,
      { ...filter, ...this.scopeOf(principal) },
      { skip: (page.page - 1) * page.size, take: page.size },
    );
  }

  /** A page of the teams the principal may read (the same scope as `list`), by cursor. */
  page(principal: Principal, filter: TeamFilter, request: PageRequest<TeamSort>): Promise<Page<TeamRecord>> {
    return this.teams.page(this.transaction.client, { ...filter, ...this.scopeOf(principal) }, request);
  }

  async addMembers(principal: Principal, teamId: string, members: readonly MemberRef[]): Promise<TeamRecord> {
    this.requireMemberManagement(principal, teamId);
    const team = await this.transaction.run(async (tx, audit) => {
      const before = await this.teams.find(tx, teamId);
      if (!before) throw notFound(teamId);
      for (const member of members)
        await this.teams.upsertMember(tx, teamId, await this.memberUserId(tx, member), member.role);
      const after = (await this.teams.find(tx, teamId)) as TeamRecord;
      await audit({
        action: 'member_added',
        entityType: 'team',
        entityId: teamId,
        changedBy: principal.userId,
        before: before.members,
        after: after.members,
      });
      return after;
    });
    for (const member of team.members) this.events.publish({ type: 'user', id: member.userId });
    return team;
  }

  async deleteMember(
    principal: Principal,
    teamId: string,
    member: { userId?: string; email?: string },
  ): Promise<TeamRecord> {
    this.requireMemberManagement(principal, teamId);
    const { team, userId } = await this.transaction.run(async (tx, audit) => {
      const before = await this.teams.find(tx, teamId);
      if (!before) throw notFound(teamId);
      const user = await this.users.findByRef(tx, member);
      if (!user || !(await this.teams.deleteMember(tx, teamId, user.id))) {
        throw GatewayError.badRequest(
          `User is not a member of team ${teamId}`,
          member.userId ? 'user_id' : 'user_email',
        );
      }
      const after = (await this.teams.find(tx, teamId)) as TeamRecord;
      await audit({
        action: 'member_deleted',
        entityType: 'team',
        entityId: teamId,
        changedBy: principal.userId,
        before: before.members,
        after: after.members,
      });
      return { team: after, userId: user.id };
    });
    this.events.publish({ type: 'user', id: userId });
    return team;
  }

  private requireMemberManagement(principal: Principal, teamId: string): void {
    if (!AccessPolicy.canManageTeamMembers(principal, teamId)) {
      throw GatewayError.forbidden(
        `Only proxy admins or admins of team ${teamId} can manage its members. Your role is = ${principal.role}`,
        'team_member_permission_error',
      );
    }
  }

  /** A page of a team's members, for whoever may read the team. */
  async memberPage(
    principal: Principal,
    teamId: string,
    request: { first: number; after?: string | null },
  ): Promise<Page<TeamMember>> {
    await this.read(principal, teamId);
    return this.teams.memberPage(this.transaction.client, teamId, request);
  }

  /** Teams by id for batched loading (one query; callers check access to what refers to them). */
  byIds(ids: readonly string[]): Promise<TeamRecord[]> {
    return this.teams.byIds(this.transaction.client, ids);
  }

  /** The team memberships of these users (one query). */
  membershipsOf(userIds: readonly string[]) {
    return this.teams.membershipsOf(this.transaction.client, userIds);
  }

  /** Admins and viewers read every team; others the teams they belong to. */
  private scopeOf(principal: Principal): Pick<TeamFilter, 'ids'> {
    return AccessPolicy.canReadAll(principal) ? {} : { ids: [...principal.memberOfTeams] };
  }

  private async checkOrganization(tx: Tx, organizationId: string | null | undefined): Promise<void> {
    if (
      organizationId &&
      !(await tx.organization.findUnique({ where: { id: organizationId }, select: { id: true } }))
    ) {
      throw GatewayError.badRequest(
        `Organization not found: organization_id=${organizationId}`,
        'organization_id',
      );
    }
  }

  private async memberUserId(tx: Tx, member: MemberRef): Promise<string> {
    if (!member.userId && !member.email) {
      throw GatewayError.badRequest('A member needs user_id or user_email', 'member');
    }
    return (await this.users.findOrCreateMember(tx, member)).id;
  }
}

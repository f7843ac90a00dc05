import { Injectable } from '@nestjs/common';
import {
  OrganizationService,
  TeamService,
  UserService,
  type OrganizationRecord,
  type TeamRecord,
  type TeamRole,
  type UserRecord,
} from '@switchyard/identity';
import DataLoader from 'dataloader';

export interface Membership {
  readonly userId: string;
  readonly teamId: string;
  readonly role: TeamRole;
}

/** Per-request batch loaders: every `team`, `user`, `organization` of a response in one query each. */
export interface Loaders {
  readonly team: DataLoader<string, TeamRecord | null>;
  readonly user: DataLoader<string, UserRecord | null>;
  readonly organization: DataLoader<string, OrganizationRecord | null>;
  readonly membershipsOfUser: DataLoader<string, readonly Membership[]>;
}

function byId<T extends { id: string }>(ids: readonly string[], rows: readonly T[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

@Injectable()
export class LoaderFactory {
  constructor(
    private readonly teams: TeamService,
    private readonly users: UserService,
    private readonly organizations: OrganizationService,
  ) {}

  create(): Loaders {
    return {
      team: new DataLoader(async (ids) => byId(ids, await this.teams.byIds(ids))),
      user: new DataLoader(async (ids) => byId(ids, await this.users.byIds(ids))),
      organization: new DataLoader(async (ids) => byId(ids, await this.organizations.byIds(ids))),
      membershipsOfUser: new DataLoader(async (userIds) => {
        const rows = await this.teams.membershipsOf(userIds);
        return userIds.map((id) => rows.filter((row) => row.userId === id));
      }),
    };
  }
}

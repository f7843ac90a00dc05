import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchyard/db';

import { toVirtualKey } from '../keys/key.repository';
import type { UserRole } from '../roles';
import type { KeyIdentity } from './key-identity';

const LIMITS = {
  maxBudget: true,
  spend: true,
  rpmLimit: true,
  tpmLimit: true,
  maxParallelRequests: true,
} as const;

/** Loads one key with its team, user and memberships in a single query (a cache miss). */
@Injectable()
export class IdentityLoader {
  constructor(private readonly prisma: PrismaService) {}

  async load(hash: string): Promise<KeyIdentity | null> {
    const row = await this.prisma.key.findUnique({
      where: { hash },
      include: {
        team: { select: { id: true, models: true, blocked: true, ...LIMITS } },
        user: {
          select: {
            id: true,
            role: true,
            ...LIMITS,
            teamMemberships: { select: { teamId: true, role: true } },
          },
        },
        organization: {
          select: {
            id: true,
            spend: true,
            budget: {
              select: { maxBudget: true, rpmLimit: true, tpmLimit: true, maxParallelRequests: true },
            },
          },
        },
      },
    });
    if (!row) return null;
    const memberships = row.user?.teamMemberships ?? [];
    return {
      key: toVirtualKey(row),
      hash: row.hash,
      team: row.team,
      user: row.user ? { ...row.user, role: row.user.role as UserRole } : null,
      organization: row.organization
        ? {
            id: row.organization.id,
            spend: row.organization.spend,
            maxBudget: row.organization.budget?.maxBudget ?? null,
            rpmLimit: row.organization.budget?.rpmLimit ?? null,
            tpmLimit: row.organization.budget?.tpmLimit ?? null,
            maxParallelRequests: row.organization.budget?.maxParallelRequests ?? null,
          }
        : null,
      adminOfTeams: new Set(memberships.filter((m) => m.role === 'admin').map((m) => m.teamId)),
      memberOfTeams: new Set(memberships.map((m) => m.teamId)),
    };
  }
}

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
      },
    });
    if (!row) return null;
    const memberships = row.user?.teamMemberships ?? [];
    return {
      key: toVirtualKey(row),
      hash: row.hash,
      team: row.team,
      user: row.user ? { ...row.user, role: row.user.role as UserRole } : null,
      adminOfTeams: new Set(memberships.filter((m) => m.role === 'admin').map((m) => m.teamId)),
      memberOfTeams: new Set(memberships.map((m) => m.teamId)),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { isUniqueViolation, PrismaService, type Prisma } from '@switchyard/db';
import { GatewayError } from '@switchyard/kernel';

import { AuditRepository, type AuditEntry } from './audit/audit.repository';

export type Tx = Prisma.TransactionClient;

/** One transaction per management operation, with its audit rows written inside it. */
@Injectable()
export class IdentityTransaction {
  constructor(
    private readonly audit: AuditRepository,
    private readonly prisma: PrismaService,
  ) {}

  get client(): Prisma.TransactionClient {
    return this.prisma;
  }

  run<T>(work: (tx: Tx, audit: (entry: AuditEntry) => Promise<void>) => Promise<T>): Promise<T> {
    return this.prisma.$transaction((tx) => work(tx, (entry) => this.audit.write(tx, entry)));
  }
}

/** Turns a unique violation on `field` into a 400 naming it. */
export async function unique<T>(field: string, value: unknown, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error))
      throw GatewayError.badRequest(`${field} '${String(value)}' already exists.`, field);
    throw error;
  }
}

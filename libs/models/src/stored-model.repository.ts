import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@switchyard/db';

export interface StoredModel {
  readonly id: string;
  readonly modelName: string;
  /** As stored: credentials encrypted. */
  readonly litellmParams: Readonly<Record<string, unknown>>;
  readonly modelInfo: Readonly<Record<string, unknown>>;
}

const record = (value: Prisma.JsonValue): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

@Injectable()
export class StoredModelRepository {
  constructor(private readonly prisma: PrismaService) {}

  get client(): PrismaService {
    return this.prisma;
  }

  async list(tx: Prisma.TransactionClient = this.prisma): Promise<StoredModel[]> {
    const rows = await tx.modelDeployment.findMany({ orderBy: { createdAt: 'asc' } });
    return rows.map((row) => ({
      id: row.id,
      modelName: row.modelName,
      litellmParams: record(row.litellmParams),
      modelInfo: record(row.modelInfo),
    }));
  }

  async find(tx: Prisma.TransactionClient, id: string): Promise<StoredModel | undefined> {
    const row = await tx.modelDeployment.findUnique({ where: { id } });
    return row
      ? {
          id: row.id,
          modelName: row.modelName,
          litellmParams: record(row.litellmParams),
          modelInfo: record(row.modelInfo),
        }
      : undefined;
  }

  async save(tx: Prisma.TransactionClient, model: StoredModel, actor: string): Promise<void> {
    const data = {
      modelName: model.modelName,
      litellmParams: model.litellmParams as Prisma.InputJsonObject,
      modelInfo: model.modelInfo as Prisma.InputJsonObject,
      updatedBy: actor,
    };
    await tx.modelDeployment.upsert({
      where: { id: model.id },
      create: { id: model.id, ...data, createdBy: actor },
      update: data,
    });
  }

  async delete(tx: Prisma.TransactionClient, id: string): Promise<void> {
    await tx.modelDeployment.delete({ where: { id } });
  }
}

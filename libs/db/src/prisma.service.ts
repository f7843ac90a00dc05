import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createAdapterFactory } from './adapter-factories';
import { describeTarget } from './db-target';
import { DB_SETTINGS, type DbSettings } from './db-settings';
import { PrismaClient } from './generated/client';
import { applyMigrations } from './migrate';
import { applyMigrationsInChild } from './migrate-child';
import { waitForPostgres } from './wait-for-postgres';

/**
 * The Prisma client itself (a subclass, so repositories write `this.prisma.key.findUnique(...)`).
 * At start-up it waits for PostgreSQL (bounded), applies pending migrations, then connects;
 * it disconnects after every other module has shut down.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(@Inject(DB_SETTINGS) private readonly settings: DbSettings) {
    super({ adapter: createAdapterFactory(settings.target, settings.poolSize) });
  }

  async onModuleInit(): Promise<void> {
    const { target, migrate, connectTimeoutMs } = this.settings;
    if (target.kind === 'postgres') await waitForPostgres(target.url, connectTimeoutMs);
    if (migrate) {
      const started = performance.now();
      // A compiled build migrates in a child process; from TypeScript sources (specs) in-process.
      const { applied } = __filename.endsWith('.js')
        ? await applyMigrationsInChild(target)
        : await applyMigrations(target);
      const took = Math.round(performance.now() - started);
      const names = applied.length > 0 ? `: ${applied.join(', ')}` : '';
      this.logger.log(
        `${applied.length} migration(s) applied to ${describeTarget(target)} in ${took} ms${names}`,
      );
    }
    await this.$connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}

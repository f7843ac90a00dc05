import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_POOL_SIZE, type DbTarget } from './db-target';
import { DB_SETTINGS, type DbModuleOptions, type DbSettings } from './db-settings';
import { PrismaService } from './prisma.service';

/** Provides PrismaService to the whole application (global: import it once, in the app module). */
@Global()
@Module({})
export class DbModule {
  static forRoot(target: DbTarget, options: DbModuleOptions = {}): DynamicModule {
    const settings: DbSettings = {
      target,
      migrate: options.migrate ?? true,
      poolSize: options.poolSize ?? DEFAULT_POOL_SIZE,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    };
    return {
      module: DbModule,
      providers: [{ provide: DB_SETTINGS, useValue: settings }, PrismaService],
      exports: [PrismaService],
    };
  }
}

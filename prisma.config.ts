import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Optional so that `prisma generate` works without a database; only the upstream
  // `prisma migrate` commands (where the engine download works) need it.
  datasource: { url: process.env.DATABASE_URL },
});

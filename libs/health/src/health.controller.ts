import { Controller, Get, Header } from '@nestjs/common';
import { PrismaService } from '@switchyard/db';
import { SWITCHYARD_VERSION } from '@switchyard/kernel';

const DB_CHECK_TIMEOUT_MS = 1000;

/** Unauthenticated probes, at LiteLLM's paths (both spellings of liveness). */
@Controller('health')
export class HealthController {
  constructor(private readonly prisma: PrismaService) {}

  // LiteLLM answers a JSON string, not plain text.
  @Get(['liveness', 'liveliness'])
  @Header('content-type', 'application/json')
  liveness(): string {
    return JSON.stringify("I'm alive!");
  }

  @Get('readiness')
  async readiness() {
    return {
      status: 'connected',
      db: (await this.databaseAnswers()) ? 'connected' : 'Not connected',
      cache: null,
      litellm_version: SWITCHYARD_VERSION,
      success_callbacks: [],
      last_updated: new Date().toISOString(),
    };
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>(
      (done) => (timer = setTimeout(() => done(false), DB_CHECK_TIMEOUT_MS)),
    );
    const query = this.prisma.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([query, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

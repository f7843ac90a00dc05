import { Controller, Get, Header } from '@nestjs/common';
import { SWITCHYARD_VERSION } from '@switchyard/kernel';

/** Unauthenticated probes, at LiteLLM's paths (both spellings of liveness). */
@Controller('health')
export class HealthController {
  // LiteLLM answers a JSON string, not plain text.
  @Get(['liveness', 'liveliness'])
  @Header('content-type', 'application/json')
  liveness(): string {
    return JSON.stringify("I'm alive!");
  }

  @Get('readiness')
  readiness() {
    return {
      status: 'healthy',
      db: 'Not connected',
      cache: null,
      litellm_version: SWITCHYARD_VERSION,
      success_callbacks: [],
      last_updated: new Date().toISOString(),
    };
  }
}

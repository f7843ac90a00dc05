import { Controller, Get, Header } from '@nestjs/common';

import { GatewayMetrics } from './gateway-metrics';

/** Prometheus scrape endpoint; unauthenticated, as LiteLLM's `/metrics` is by default. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: GatewayMetrics) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

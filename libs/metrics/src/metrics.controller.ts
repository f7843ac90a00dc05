import { Controller, Get, Header, Res } from '@nestjs/common';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';

import { GatewayMetrics } from './gateway-metrics';
import { MetricsAccess } from './metrics-access';

/**
 * `GET /metrics` (PrometheusModule.register sets the path): the gateway's registry in the
 * Prometheus text format, behind MetricsAccess.
 */
@Controller('metrics')
export class MetricsController extends PrometheusController {
  constructor(
    private readonly metrics: GatewayMetrics,
    private readonly access: MetricsAccess,
  ) {
    super();
  }

  @Get()
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  override async index(@Res({ passthrough: true }) response: FastifyReply): Promise<string> {
    await this.access.check(response.request.headers);
    return this.metrics.scrape();
  }
}

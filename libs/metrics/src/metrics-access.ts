import type { IncomingHttpHeaders } from 'node:http';

import { Inject, Injectable } from '@nestjs/common';
import { AuthService } from '@switchyard/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';

import { metricsOptionsOf } from './labels';

/**
 * Who may scrape: anyone by default, as in LiteLLM; with
 * `litellm_settings.require_auth_for_metrics_endpoint: true`, callers with the master key or a valid
 * virtual key (a 401 GatewayError otherwise). Global through MetricsModule, so the controller that
 * PrometheusModule declares in its own module can use it.
 */
@Injectable()
export class MetricsAccess {
  readonly requireAuth: boolean;

  constructor(
    private readonly auth: AuthService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.requireAuth = metricsOptionsOf(config).requireAuth;
  }

  async check(headers: IncomingHttpHeaders): Promise<void> {
    if (this.requireAuth) await this.auth.authenticate(headers);
  }
}

import { Injectable } from '@nestjs/common';
import type { DeploymentAttempt, RequestSummary } from '@switchyard/kernel';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * The one place instruments are declared. Label values come from bounded sets (configured model
 * names), never from request input.
 */
@Injectable()
export class GatewayMetrics {
  readonly registry = new Registry();

  /** Requests whose model has no price: they cost 0 until model_info prices are set. */
  readonly unpricedRequests = new Counter({
    name: 'switchyard_unpriced_model_requests_total',
    help: 'Requests served by a model with no known price (counted at cost 0)',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** @hotpath A proxied request is over. (Instruments: #7, in progress.) */
  observeRequest(summary: RequestSummary): void {
    void summary;
  }

  /** @hotpath One call to one deployment is over (a request may make several). */
  observeAttempt(attempt: DeploymentAttempt): void {
    void attempt;
  }
}

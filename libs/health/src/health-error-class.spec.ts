import { GatewayError } from '@switchyard/kernel';
import { describe, expect, it } from 'vitest';

import { healthErrorClassOf } from './health-error-class';

describe('healthErrorClassOf', () => {
  it('names provider answers by status, timeouts and connection failures by their kind', () => {
    expect(healthErrorClassOf(GatewayError.badRequest('bad'))).toBe('BadRequestError');
    expect(healthErrorClassOf(new Error('Health check timeout exceeded (30 s)'))).toBe('TimeoutError');
    expect(healthErrorClassOf(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toBe('APIConnectionError');
  });
});

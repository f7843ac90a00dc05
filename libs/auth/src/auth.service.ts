import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';
import { GatewayError } from '@switchyard/kernel';

import { apiKeyFromHeaders } from './api-key-header';

/** Who made a request. Virtual keys, users and teams join this union in the identity issue. */
export type Principal = { readonly kind: 'master' } | { readonly kind: 'open' };

const MASTER: Principal = Object.freeze({ kind: 'master' });
const OPEN: Principal = Object.freeze({ kind: 'open' });

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Checks the caller's key. Without a configured master key the gateway is open. */
@Injectable()
export class AuthService {
  private readonly masterKeyHash: Buffer | undefined;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.masterKeyHash = config.masterKey ? sha256(config.masterKey) : undefined;
    if (!this.masterKeyHash) {
      new Logger('Auth').warn(
        'No master key is configured (general_settings.master_key or LITELLM_MASTER_KEY): every route is open to anyone who can reach this port.',
      );
    }
  }

  /** @hotpath Throws a 401 GatewayError when a key is required and missing or wrong. */
  authenticate(headers: IncomingHttpHeaders): Principal {
    if (!this.masterKeyHash) return OPEN;
    const key = apiKeyFromHeaders(headers);
    if (!key) throw GatewayError.unauthorized('Authentication Error, No api key passed in.');
    // Comparing digests keeps the comparison constant-time whatever the key's length.
    if (timingSafeEqual(sha256(key), this.masterKeyHash)) return MASTER;
    throw GatewayError.unauthorized('Authentication Error, Invalid proxy server token passed.');
  }
}

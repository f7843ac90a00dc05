import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '@switchyard/auth';
import { AccessPolicy, type Principal } from '@switchyard/identity';
import { GatewayError } from '@switchyard/kernel';

import { ResponseCache } from './response-cache.service';

function noCache(): GatewayError {
  return GatewayError.badRequest('Cache not initialized: set litellm_settings.cache: true', 'cache');
}

/** LiteLLM's cache admin routes: `/cache/ping`, `/cache/delete`, `/cache/flushall`. */
@Controller('cache')
@UseGuards(ApiKeyGuard)
export class CacheController {
  constructor(private readonly cache: ResponseCache) {}

  @Get('ping')
  async ping() {
    const { store, settings } = this.cache;
    if (!store || !settings) throw noCache();
    let healthy = false;
    try {
      healthy = await store.ping();
    } catch {
      healthy = false;
    }
    if (!healthy) {
      throw new GatewayError(`Service Unhealthy: the ${store.type} cache does not answer`, {
        status: 503,
        type: 'api_error',
      });
    }
    return {
      status: 'healthy',
      cache_type: store.type,
      ping_response: true,
      litellm_cache_params: {
        type: settings.type,
        ttl: settings.ttlSeconds,
        namespace: settings.namespace ?? null,
      },
    };
  }

  @Post('delete')
  @HttpCode(200)
  async delete(@Req() request: { principal: Principal }, @Body() body: unknown) {
    AccessPolicy.requireAdmin(request.principal, 'delete cache entries');
    const keys = (body as { keys?: unknown } | undefined)?.keys;
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
      throw GatewayError.badRequest('keys must be a list of cache keys', 'keys');
    }
    if (!this.cache.store) throw noCache();
    await this.cache.store.delete(keys);
    return { status: 'success' };
  }

  @Post('flushall')
  @HttpCode(200)
  async flushAll(@Req() request: { principal: Principal }) {
    AccessPolicy.requireAdmin(request.principal, 'flush the cache');
    if (!this.cache.store) throw noCache();
    await this.cache.store.flush();
    return { status: 'success' };
  }
}

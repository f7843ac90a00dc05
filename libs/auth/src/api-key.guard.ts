import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@switchyard/identity';
import type { FastifyRequest } from 'fastify';

import { AuthService } from './auth.service';

/** Nest guard for the management routes: resolves the caller's Principal onto the request. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    request.principal = await this.auth.principal(request.headers);
    return true;
  }
}

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@switchyard/identity';

/** The Principal that ApiKeyGuard resolved for this request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);

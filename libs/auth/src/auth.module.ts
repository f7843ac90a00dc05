import { Module } from '@nestjs/common';
import { IdentityModule } from '@switchyard/identity';

import { ApiKeyGuard } from './api-key.guard';
import { AuthService } from './auth.service';
import { SessionPrincipals } from './sso/session-principal.service';
import { SessionTokens } from './sso/session-token';
import { SsoUserRepository } from './sso/sso-user.repository';

@Module({
  imports: [IdentityModule],
  providers: [ApiKeyGuard, AuthService, SessionPrincipals, SessionTokens, SsoUserRepository],
  exports: [ApiKeyGuard, AuthService, IdentityModule, SessionPrincipals, SessionTokens, SsoUserRepository],
})
export class AuthModule {}

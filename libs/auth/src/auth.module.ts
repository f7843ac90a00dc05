import { Module } from '@nestjs/common';
import { IdentityModule } from '@switchyard/identity';

import { ApiKeyGuard } from './api-key.guard';
import { AuthService } from './auth.service';

@Module({
  imports: [IdentityModule],
  providers: [ApiKeyGuard, AuthService],
  exports: [ApiKeyGuard, AuthService, IdentityModule],
})
export class AuthModule {}

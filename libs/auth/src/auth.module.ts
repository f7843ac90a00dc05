import { Module } from '@nestjs/common';

import { ApiKeyGuard } from './api-key.guard';
import { AuthService } from './auth.service';

@Module({
  providers: [ApiKeyGuard, AuthService],
  exports: [ApiKeyGuard, AuthService],
})
export class AuthModule {}

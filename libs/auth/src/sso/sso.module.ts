import { Module } from '@nestjs/common';

import { AuthModule } from '../auth.module';
import { SsoController } from './sso.controller';
import { SsoLogin } from './sso-login.service';
import { SsoProvisioning } from './sso-provisioning.service';

/** OIDC single sign-on: /sso/key/generate, /sso/callback, /sso/logout. */
@Module({
  imports: [AuthModule],
  controllers: [SsoController],
  providers: [SsoLogin, SsoProvisioning],
})
export class SsoModule {}

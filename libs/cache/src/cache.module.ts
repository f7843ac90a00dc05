import { Module } from '@nestjs/common';
import { AuthModule } from '@switchyard/auth';

import { CacheController } from './cache.controller';
import { ResponseCache } from './response-cache.service';

@Module({
  imports: [AuthModule],
  providers: [ResponseCache],
  controllers: [CacheController],
  exports: [ResponseCache],
})
export class CacheModule {}

import { Module } from '@nestjs/common';
import { ModelsModule } from '@switchyard/models';
import { ProvidersModule } from '@switchyard/providers';

import { Router } from './router';

@Module({
  imports: [ModelsModule, ProvidersModule],
  providers: [Router],
  exports: [Router, ModelsModule],
})
export class RoutingModule {}

import { Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '@switchyard/config';

import { ModelCatalog } from './model-catalog';

@Module({
  providers: [
    {
      provide: ModelCatalog,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        new ModelCatalog(config.modelList, config.routerSettings.modelGroupAlias),
    },
  ],
  exports: [ModelCatalog],
})
export class ModelsModule {}

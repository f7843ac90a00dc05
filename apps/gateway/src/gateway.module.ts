import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type GatewayConfig } from '@switchyard/config';
import { HealthModule } from '@switchyard/health';
import { ProxyModule } from '@switchyard/proxy';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [ConfigModule.forRoot(config), HealthModule, ProxyModule],
    };
  }
}

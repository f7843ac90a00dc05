import { type DynamicModule, Global, Inject, Module } from '@nestjs/common';
import type { GatewayConfig } from './gateway-config.types';

/** Injection token of the loaded, frozen GatewayConfig. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** Constructor-parameter decorator: `constructor(@InjectGatewayConfig() config: GatewayConfig)`. */
export const InjectGatewayConfig = (): ParameterDecorator & PropertyDecorator => Inject(GATEWAY_CONFIG);

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }],
      exports: [GATEWAY_CONFIG],
    };
  }
}

import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { ConfigModule, GATEWAY_CONFIG, InjectGatewayConfig } from './config.module';
import type { GatewayConfig } from './gateway-config.types';
import { loadYaml, removeTempConfigs } from './testing/temp-config';

@Injectable()
class NeedsConfig {
  constructor(@InjectGatewayConfig() readonly config: GatewayConfig) {}
}

@Module({ providers: [NeedsConfig] })
class FeatureModule {}

describe('ConfigModule', () => {
  it('provides the config globally under GATEWAY_CONFIG', async () => {
    const { config } = loadYaml('model_list: [{model_name: m, litellm_params: {model: mock/a}}]');
    removeTempConfigs();
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), FeatureModule],
    }).compile();
    expect(moduleRef.get(GATEWAY_CONFIG)).toBe(config);
    expect(moduleRef.get(NeedsConfig).config).toBe(config);
    await moduleRef.close();
  });
});

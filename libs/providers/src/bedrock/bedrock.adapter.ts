import { Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';

import type { BoundDeployment, ProviderAdapter } from '../provider.types';
import { UpstreamPools } from '../upstream/upstream-pools';

/** SKELETON: replaced by the real adapter. */
@Injectable()
export class BedrockAdapter implements ProviderAdapter {
  constructor(private readonly pools: UpstreamPools) {}

  bind(deployment: DeploymentConfig): BoundDeployment {
    void this.pools;
    throw new Error(`bedrock/ is not wired yet: ${deployment.info.id}`);
  }
}

import { Injectable } from '@nestjs/common';
import type { DeploymentConfig } from '@switchyard/config';

import type { BoundDeployment, ProviderAdapter, ProviderCall, ProviderResult } from '../provider.types';
import { defaultMockContent, mockAnswer } from './mock-answers';

/** `mock/<name>`: answers offline, so a bare `npm start` serves a first request. */
@Injectable()
export class MockAdapter implements ProviderAdapter {
  bind(deployment: DeploymentConfig): BoundDeployment {
    const configured = deployment.params.extra.mock_response;
    return {
      config: deployment,
      apiBase: 'mock://offline',
      call: (call: ProviderCall): Promise<ProviderResult> => {
        const content =
          typeof configured === 'string' ? configured : defaultMockContent(call.upstreamModel, call.body);
        return Promise.resolve(
          mockAnswer(call.callType, call.upstreamModel, call.body, content, call.stream),
        );
      },
    };
  }
}

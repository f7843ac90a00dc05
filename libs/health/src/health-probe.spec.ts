import type { DeploymentInfo } from '@switchyard/config';
import { createDeployment } from '@switchyard/config/testing';
import { describe, expect, it } from 'vitest';

import { HEALTH_CHECK_MAX_TOKENS, probeFor } from './health-probe';

function withInfo(deployment: ReturnType<typeof createDeployment>, info: Partial<DeploymentInfo>) {
  return { ...deployment, info: { ...deployment.info, ...info } };
}

describe('probeFor', () => {
  it('sends a 5-token chat by default', () => {
    expect(probeFor(createDeployment('gpt', 'openai/gpt-4o'))).toEqual({
      callType: 'chat',
      upstreamModel: 'gpt-4o',
      body: {
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'ping' }],
        max_tokens: HEALTH_CHECK_MAX_TOKENS,
      },
    });
  });

  it('follows model_info.mode', () => {
    const at = (mode: string) => probeFor(withInfo(createDeployment('m', 'openai/m'), { mode }));
    expect(at('embedding')).toEqual({
      callType: 'embedding',
      upstreamModel: 'm',
      body: { model: 'm', input: ['ping'] },
    });
    expect(at('completion')?.body).toEqual({ model: 'm', prompt: 'ping', max_tokens: 5 });
    expect(at('completion')?.callType).toBe('completion');
    expect(at('moderation')).toMatchObject({ callType: 'moderation', body: { model: 'm', input: 'ping' } });
    expect(at('chat')?.callType).toBe('chat');
  });

  it('does not probe modes the gateway cannot call', () => {
    expect(probeFor(withInfo(createDeployment('img', 'openai/dall-e-3'), { mode: 'image_generation' }))).toBe(
      undefined,
    );
  });

  it('skips wildcard routes unless model_info.health_check_model names a model', () => {
    const wildcard = createDeployment('openai/*', 'openai/*');
    expect(probeFor(wildcard)).toBeUndefined();
    const named = withInfo(wildcard, { extra: { health_check_model: 'openai/gpt-4o-mini' } });
    expect(probeFor(named)).toMatchObject({ upstreamModel: 'gpt-4o-mini', body: { model: 'gpt-4o-mini' } });
    const bare = withInfo(wildcard, { extra: { health_check_model: 'gpt-4.1' } });
    expect(probeFor(bare)?.upstreamModel).toBe('gpt-4.1');
  });

  it('takes model_info.health_check_max_tokens', () => {
    const deployment = withInfo(createDeployment('m', 'openai/o3'), {
      extra: { health_check_max_tokens: 64 },
    });
    expect(probeFor(deployment)?.body.max_tokens).toBe(64);
  });
});

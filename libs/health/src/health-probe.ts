import type { DeploymentConfig } from '@switchyard/config';
import { upstreamModelFor } from '@switchyard/models';
import type { CallType } from '@switchyard/providers';

/** `max_tokens` of a chat or completion probe (`model_info.health_check_max_tokens` overrides it). */
export const HEALTH_CHECK_MAX_TOKENS = 5;
const PROBE_TEXT = 'ping';

/** The minimal request that tells whether a deployment answers. */
export interface HealthProbe {
  readonly callType: CallType;
  readonly upstreamModel: string;
  readonly body: Record<string, unknown>;
}

/**
 * The probe for a deployment, by `model_info.mode`: a 5-token chat (the default), a completion,
 * an embedding or a moderation. Undefined when the deployment cannot be probed: a wildcard route
 * (`openai/*`) without `model_info.health_check_model` has no concrete model to call, and modes
 * the gateway does not serve (image generation, audio...) have no call to make.
 */
export function probeFor(deployment: DeploymentConfig): HealthProbe | undefined {
  const upstreamModel = probedModel(deployment);
  if (upstreamModel === undefined) return undefined;
  const { extra } = deployment.info;
  const maxTokens =
    typeof extra.health_check_max_tokens === 'number' && extra.health_check_max_tokens > 0
      ? extra.health_check_max_tokens
      : HEALTH_CHECK_MAX_TOKENS;
  const mode = deployment.info.mode ?? 'chat';
  switch (mode) {
    case 'chat':
      return {
        callType: 'chat',
        upstreamModel,
        body: {
          model: upstreamModel,
          messages: [{ role: 'user', content: PROBE_TEXT }],
          max_tokens: maxTokens,
        },
      };
    case 'completion':
      return {
        callType: 'completion',
        upstreamModel,
        body: { model: upstreamModel, prompt: PROBE_TEXT, max_tokens: maxTokens },
      };
    case 'embedding':
      return { callType: 'embedding', upstreamModel, body: { model: upstreamModel, input: [PROBE_TEXT] } };
    case 'moderation':
      return { callType: 'moderation', upstreamModel, body: { model: upstreamModel, input: PROBE_TEXT } };
    default:
      return undefined;
  }
}

/** The provider model to call: `health_check_model` (LiteLLM's setting for wildcard routes), else the deployment's own. */
function probedModel(deployment: DeploymentConfig): string | undefined {
  const { params, info } = deployment;
  const override = info.extra.health_check_model;
  if (typeof override === 'string' && override.length > 0) {
    const prefix = `${params.provider}/`;
    return override.startsWith(prefix) ? override.slice(prefix.length) : override;
  }
  if (params.providerModel.includes('*')) return undefined;
  return upstreamModelFor(deployment, undefined);
}

import { readEnv } from './env-values';
import type { AwsParams } from './gateway-config.types';

const DEFAULT_AWS_REGION = 'us-west-2';

function stringParam(params: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A `bedrock/` deployment's AWS settings: explicit `aws_*` params first, then the environment. */
export function awsParamsOf(params: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv): AwsParams {
  const explicitKey = stringParam(params, 'aws_access_key_id');
  return {
    accessKeyId: explicitKey ?? readEnv(env, 'AWS_ACCESS_KEY_ID'),
    secretAccessKey: stringParam(params, 'aws_secret_access_key') ?? readEnv(env, 'AWS_SECRET_ACCESS_KEY'),
    // An environment session token belongs to the environment's key, never to an explicit one.
    sessionToken:
      stringParam(params, 'aws_session_token') ??
      (explicitKey === undefined ? readEnv(env, 'AWS_SESSION_TOKEN') : undefined),
    region:
      stringParam(params, 'aws_region_name') ??
      readEnv(env, 'AWS_REGION_NAME') ??
      readEnv(env, 'AWS_REGION') ??
      readEnv(env, 'AWS_DEFAULT_REGION') ??
      DEFAULT_AWS_REGION,
    runtimeEndpoint: stringParam(params, 'aws_bedrock_runtime_endpoint'),
  };
}

import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { DeploymentConfig } from '@switchyard/config';

import { missingCredentialsError } from './bedrock-errors';

/** A request about to be sent: `path` exactly as it goes on the wire (URI-encoded), `body` its exact bytes. */
export interface UnsignedRequest {
  readonly host: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The headers to send with a request, authentication included. */
export type BedrockAuth = (request: UnsignedRequest) => Promise<Record<string, string>>;

function bearerAuth(apiKey: string): BedrockAuth {
  const authorization = `Bearer ${apiKey}`;
  return (request) => Promise.resolve({ ...request.headers, authorization });
}

/**
 * SigV4 over the exact body. The signer URI-encodes the (already encoded) path once more for the
 * canonical request, as every AWS service but S3 expects: `:` is sent as `%3A` and signed as `%253A`.
 */
function sigV4Auth(
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  region: string,
): BedrockAuth {
  const signer = new SignatureV4({ service: 'bedrock', region, credentials, sha256: Sha256 });
  return async (request) => {
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'https:',
      hostname: request.host,
      path: request.path,
      query: {},
      headers: { ...request.headers, host: request.host },
      body: request.body,
    });
    return signed.headers;
  };
}

/**
 * How a deployment authenticates, decided once at bind: a Bedrock API key (bearer, no SigV4), else
 * SigV4 with the access key. Without either, each call fails with a 401 naming what is missing.
 */
export function bedrockAuth(deployment: DeploymentConfig): BedrockAuth {
  const { apiKey, aws } = deployment.params;
  if (apiKey) return bearerAuth(apiKey);
  const accessKeyId = aws?.accessKeyId;
  const secretAccessKey = aws?.secretAccessKey;
  if (accessKeyId && secretAccessKey) {
    const sessionToken = aws?.sessionToken;
    return sigV4Auth(
      { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
      aws?.region ?? 'us-west-2',
    );
  }
  const missing = [
    ...(accessKeyId ? [] : ['aws_access_key_id']),
    ...(secretAccessKey ? [] : ['aws_secret_access_key']),
  ];
  return () => Promise.reject(missingCredentialsError(deployment.info.id, missing));
}

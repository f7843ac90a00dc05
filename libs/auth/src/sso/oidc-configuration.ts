import type { SsoSettings } from '@switchyard/config';
import * as client from 'openid-client';

const isHttp = (url: string): boolean => new URL(url).protocol === 'http:';

/**
 * The OpenID provider as openid-client sees it: discovered from the issuer, or built from the
 * GENERIC_*_ENDPOINT variables. ID token signatures are checked against the provider's JWKS
 * whenever one is known (openid-client leaves that to TLS otherwise).
 */
export async function oidcConfiguration(settings: SsoSettings): Promise<client.Configuration> {
  const auth = settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None();
  const { endpoints, issuer, clientId } = settings;
  let config: client.Configuration;
  if (endpoints) {
    config = new client.Configuration(
      {
        issuer,
        authorization_endpoint: endpoints.authorization,
        token_endpoint: endpoints.token,
        ...(endpoints.userinfo ? { userinfo_endpoint: endpoints.userinfo } : {}),
        ...(endpoints.jwksUri ? { jwks_uri: endpoints.jwksUri } : {}),
      },
      clientId,
      undefined,
      auth,
    );
    const urls = [endpoints.authorization, endpoints.token, endpoints.userinfo, endpoints.jwksUri];
    if (urls.some((url) => url !== undefined && isHttp(url))) client.allowInsecureRequests(config);
  } else {
    // Plain http is allowed only where the operator configured it (a local IdP, the tests).
    const options = isHttp(issuer) ? { execute: [client.allowInsecureRequests] } : undefined;
    config = await client.discovery(new URL(issuer), clientId, undefined, auth, options);
  }
  if (config.serverMetadata().jwks_uri) client.enableNonRepudiationChecks(config);
  return config;
}

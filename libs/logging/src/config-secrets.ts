import type { DeploymentConfig, GatewayConfig } from '@switchyard/config';

/**
 * A setting whose value is a credential: the `litellm_params` rule of libs/models (`isSecretParam`:
 * key, secret, token, password, credential) plus the names libs/config never prints (database_url,
 * authorization, cookie, webhook URLs...).
 */
const SECRET_NAME =
  /key|secret|token|password|passwd|credential|authorization|bearer|cookie|database_url|webhook_url|dsn/i;
/** Numbers and limits whose names merely contain `token`/`key`. */
const NOT_SECRET_NAME = /^(max_|min_)|_tokens$|^tokens?$/i;
/** `Bearer xyz`, `Basic xyz`: the credential without its scheme is a secret too. */
const AUTH_SCHEME = /^(?:bearer|basic|token)\s+(\S+)$/i;

export function isSecretSettingName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

/**
 * Every secret value the configuration holds, for the log scrubber: the master and salt keys, the
 * database URL and its password, the Redis password, alert webhooks, each deployment's api_key, AWS
 * credentials, extra_headers values and any other credential-named `litellm_params`, credential-named
 * settings of general/litellm/router_settings, and the secret-looking environment variables libs/config
 * collected (GENERIC_CLIENT_SECRET for SSO, *_API_KEY, ...).
 */
export function configSecrets(config: GatewayConfig): string[] {
  const secrets = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value !== 'string' || value === '') return;
    secrets.add(value);
    const token = AUTH_SCHEME.exec(value)?.[1];
    if (token) secrets.add(token);
  };
  add(config.masterKey);
  add(config.saltKey);
  addUrl(config.databaseUrl, add);
  add(config.redis?.password);
  add(config.alerting.slackWebhookUrl);
  add(config.alerting.webhookUrl);
  // Named by libs/config too, but a short client secret would escape its length floor.
  add(config.sso?.clientSecret);
  for (const deployment of config.modelList) addDeployment(deployment, add);
  addNamed(config.raw.generalSettings, '', add);
  addNamed(config.raw.litellmSettings, '', add);
  addNamed(config.raw.routerSettings, '', add);
  for (const value of config.logging.secretEnvValues) add(value);
  return [...secrets];
}

function addDeployment(deployment: DeploymentConfig, add: (value: unknown) => void): void {
  const { params } = deployment;
  add(params.apiKey);
  addUrlCredentials(params.apiBase, add);
  // Header names vary (X-Tenant-Token, Ocp-Apim-Subscription-Key...): every value counts.
  for (const value of Object.values(params.extraHeaders)) add(value);
  add(params.aws?.accessKeyId);
  add(params.aws?.secretAccessKey);
  add(params.aws?.sessionToken);
  addNamed(params.extra, '', add);
}

/** String values under credential-named keys, at any depth (cache_params.password, ...). */
function addNamed(value: unknown, name: string, add: (value: unknown) => void): void {
  if (typeof value === 'string') {
    if (isSecretSettingName(name)) add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) addNamed(item, name, add);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) addNamed(item, key, add);
  }
}

/** A connection string is a secret, and so is its password on its own (encoded and decoded). */
function addUrl(url: string | undefined, add: (value: unknown) => void): void {
  if (!url) return;
  add(url);
  addUrlCredentials(url, add);
}

function addUrlCredentials(url: string | undefined, add: (value: unknown) => void): void {
  if (!url) return;
  try {
    const { password, searchParams } = new URL(url);
    if (password) {
      add(password);
      add(decodeURIComponent(password));
    }
    for (const [key, value] of searchParams) if (isSecretSettingName(key)) add(value);
  } catch {
    // not a URL: nothing more to take from it
  }
}

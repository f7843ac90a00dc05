export { ConfigModule, GATEWAY_CONFIG, InjectGatewayConfig } from './config.module';
export { ConfigError } from './config-error';
export { parseCliArgs } from './cli-args';
export type { CliArgs } from './cli-args';
export { loadGatewayConfig } from './load-config';
export type { LoadedGatewayConfig } from './load-config';
export { loadConfigOrExit } from './load-config-or-exit';
export { ROUTING_STRATEGIES, SUPPORTED_PROVIDERS } from './providers';
export { SUPPORTED_SETTINGS } from './unimplemented-settings';
export { PROVIDER_ENV_DEFAULTS } from './provider-env-defaults';
export type { RoutingStrategy } from './providers';
export type {
  AwsParams,
  DeploymentConfig,
  DeploymentInfo,
  DeploymentParams,
  GatewayConfig,
  ModelMode,
  OpenAiCompatibleProvider,
  ProviderName,
  RedisSettings,
} from './gateway-config.types';
export { parseDeploymentEntry } from './parse-deployment-entry';
export { ERROR_CLASSES } from './routing-policy';
export type { CacheableCallType, ResponseCacheSettings } from './cache-settings';
export type { ErrorClass, RoutingPolicy } from './routing-policy';
export type { LogLevelName } from './log-settings';
export type { SsoEndpoints, SsoSettings, SsoTeamMapping } from './sso-settings';

export { GatewayError, toErrorBody } from './gateway-error';
export type { GatewayErrorOptions, GatewayErrorType, OpenAiErrorBody } from './gateway-error';
export { SWITCHYARD_VERSION } from './version';
export { exitOnShutdownSignal } from './shutdown';

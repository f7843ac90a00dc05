export { GatewayError, toErrorBody } from './gateway-error';
export type { GatewayErrorOptions, GatewayErrorType, OpenAiErrorBody } from './gateway-error';
export { SWITCHYARD_VERSION } from './version';
export { exitOnShutdownSignal } from './shutdown';
export type { ShutdownGrace } from './shutdown';
export { processLifecycle } from './lifecycle';
/** What metrics and the access log learn of each request and each deployment call. */
export type { DeploymentAttempt, RequestSummary } from './request-summary';
/** Keyset pagination cursors shared by every paged list. */
export { checkPageSize, cursorDate, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from './page-cursor';
export type { PageCursor } from './page-cursor';

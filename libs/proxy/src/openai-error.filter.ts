import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { isDatabaseUnavailable } from '@switchyard/db';
import { GatewayError, toErrorBody, type GatewayErrorType } from '@switchyard/kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { messagesErrorBody } from './messages/messages-errors';
import { timingHeaders } from './request-timing';

interface FastifyErrorLike {
  statusCode?: number;
  code?: string;
  message: string;
  validation?: Array<{
    instancePath: string;
    keyword: string;
    message?: string;
    params: Record<string, unknown>;
  }>;
}

function typeForStatus(status: number): GatewayErrorType {
  if (status === 401 || status === 403) return 'auth_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  return status >= 500 ? 'internal_server_error' : 'invalid_request_error';
}

function validationError(error: Required<Pick<FastifyErrorLike, 'validation'>>): GatewayError {
  const [first] = error.validation;
  const path = first?.instancePath.slice(1).replace(/\//g, '.') ?? '';
  const missing = first?.params.missingProperty;
  if (typeof missing === 'string') {
    const param = path ? `${path}.${missing}` : missing;
    return GatewayError.badRequest(`Missing required parameter: '${param}'.`, param);
  }
  const param = path || 'body';
  return GatewayError.badRequest(`Invalid value for '${param}': ${first?.message ?? 'invalid'}.`, param);
}

/** Any thrown value as the GatewayError the client should see. */
export function asGatewayError(exception: unknown, bodyLimitBytes: number): GatewayError | undefined {
  if (exception instanceof GatewayError) return exception;
  if (isDatabaseUnavailable(exception)) {
    return GatewayError.unavailable('No connected db: the database is unreachable, try again shortly.');
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const message = status === 404 ? `Route not found: ${exception.message}` : exception.message;
    return new GatewayError(message, { status, type: typeForStatus(status) });
  }
  const error = exception as FastifyErrorLike;
  if (error && typeof error === 'object' && Array.isArray(error.validation)) {
    return validationError({ validation: error.validation });
  }
  if (error?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new GatewayError(
      `Request body is larger than the limit of ${Math.round(bodyLimitBytes / 1048576)} MB (general_settings.max_request_size_mb).`,
      { status: 413, type: 'invalid_request_error' },
    );
  }
  if (error?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return GatewayError.badRequest(`Invalid JSON in request body: ${error.message}`);
  }
  if (exception instanceof SyntaxError)
    return GatewayError.badRequest(`Invalid JSON in request body: ${exception.message}`);
  const status = error?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new GatewayError(error.message, { status, type: typeForStatus(status) });
  }
  return undefined;
}

/** Every error of every route in OpenAI's shape `{"error":{message,type,param,code}}`. */
@Catch()
export class OpenAiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly bodyLimitBytes: number) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let error = asGatewayError(exception, this.bodyLimitBytes);
    if (!error) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
      error = new GatewayError('Internal server error', { status: 500, type: 'internal_server_error' });
    }
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    if (error.headers) reply.headers(error.headers);
    const { timing, url } = host.switchToHttp().getRequest<FastifyRequest>();
    if (timing) reply.headers(timingHeaders(timing));
    // Anthropic's clients on /v1/messages get Anthropic's shape (a superset of OpenAI's).
    const body = url.startsWith('/v1/messages') ? messagesErrorBody(error) : toErrorBody(error);
    void reply.code(error.status).type('application/json; charset=utf-8').send(body);
  }
}

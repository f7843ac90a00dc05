import { Catch, HttpException, Logger } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { isDatabaseUnavailable } from '@switchyard/db';
import { GatewayError } from '@switchyard/kernel';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The codes clients see in `errors[].extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** Codes whose message is meant for the client; any other error's message is replaced. */
const CLIENT_CODES = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  // Apollo's request-level codes: parse and validation failures, bad requests.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function graphqlError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function codeOfStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  return status >= 400 && status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR';
}

const logger = new Logger('GraphQL');

/** A resolver's exception as a GraphQL error with a code; anything unexpected is logged and hidden. */
export function toGraphqlError(exception: unknown): GraphQLError {
  if (exception instanceof GraphQLError) return exception;
  if (exception instanceof GatewayError) {
    const code = codeOfStatus(exception.status);
    if (code !== 'INTERNAL_SERVER_ERROR') return graphqlError(code, exception.message);
  }
  if (isDatabaseUnavailable(exception)) {
    return graphqlError('SERVICE_UNAVAILABLE', 'The database is unreachable, try again shortly.');
  }
  if (exception instanceof HttpException) {
    const code = codeOfStatus(exception.getStatus());
    if (code !== 'INTERNAL_SERVER_ERROR') return graphqlError(code, exception.message);
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return graphqlError('INTERNAL_SERVER_ERROR', 'Internal server error');
}

/** Put on every resolver: services throw GatewayErrors, clients get coded GraphQL errors. */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  catch(exception: unknown): GraphQLError {
    return toGraphqlError(exception);
  }
}

/**
 * Apollo's last word on every error: message, locations, path and code only (no stack, no SQL, no
 * internal details), and the message of anything not meant for clients replaced.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = typeof formatted.extensions?.['code'] === 'string' ? formatted.extensions['code'] : '';
  const known = CLIENT_CODES.has(code);
  return {
    message: known ? formatted.message : 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: known ? code : 'INTERNAL_SERVER_ERROR' },
  };
}

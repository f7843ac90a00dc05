import { Prisma } from './generated/client';

/** The database cannot be reached (down, refusing connections, or not answering in time). */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

/** A unique constraint rejected the write (P2002); `error.meta.target` names the fields. */
export function isUniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** The record to update or delete does not exist (P2025). */
export function isNotFound(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}

const UNREACHABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017']);
const UNREACHABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const UNREACHABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * True for connection failures wherever they surface: our own start-up check, Prisma's P1001
 * family, a driver adapter's connection error kinds, socket errors, and Postgres' connection
 * exceptions (class 08) or shut-down states (57P01-57P03).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; isObject(current) && depth < 8; current = current.cause, depth++) {
    if (current instanceof DatabaseUnavailableError) return true;
    if (current instanceof Prisma.PrismaClientInitializationError) {
      if (current.errorCode && UNREACHABLE_PRISMA_CODES.has(current.errorCode)) return true;
    }
    const code = typeof current.code === 'string' ? current.code : undefined;
    if (code && (UNREACHABLE_PRISMA_CODES.has(code) || UNREACHABLE_SOCKET_CODES.has(code))) return true;
    if (code && /^(08...|57P0[123])$/.test(code)) return true;
    if (isObject(current.cause) && typeof current.cause.kind === 'string') {
      if (UNREACHABLE_ADAPTER_KINDS.has(current.cause.kind)) return true;
    }
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
    if (typeof current.message === 'string' && current.message.includes('Connection terminated')) return true;
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> & { cause?: unknown } {
  return typeof value === 'object' && value !== null;
}

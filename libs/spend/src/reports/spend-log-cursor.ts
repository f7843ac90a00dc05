import { GatewayError } from '@switchyard/kernel';

/** The largest page a caller may ask for (as the identity lists). */
export const MAX_SPEND_PAGE_SIZE = 100;

/** Where a page of spend logs ends: the start time and request id of its last row. */
export interface SpendLogCursor {
  readonly startTime: Date;
  readonly requestId: string;
}

export function encodeSpendLogCursor(cursor: SpendLogCursor): string {
  return Buffer.from(JSON.stringify([cursor.startTime.toISOString(), cursor.requestId])).toString(
    'base64url',
  );
}

export function decodeSpendLogCursor(cursor: string): SpendLogCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      const startTime = new Date(parsed[0]);
      if (!Number.isNaN(startTime.getTime())) return { startTime, requestId: parsed[1] };
    }
  } catch {
    // fall through to the refusal
  }
  throw GatewayError.badRequest('Invalid cursor: pass the endCursor of a previous page as `after`.', 'after');
}

export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_SPEND_PAGE_SIZE) {
    throw GatewayError.badRequest(
      `\`first\` must be between 1 and ${MAX_SPEND_PAGE_SIZE}, got ${first}.`,
      'first',
    );
  }
}

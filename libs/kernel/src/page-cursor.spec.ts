import { describe, expect, it } from 'vitest';

import { GatewayError } from './gateway-error';
import { checkPageSize, cursorDate, decodeCursor, encodeCursor, MAX_PAGE_SIZE } from './page-cursor';

describe('page cursors', () => {
  it('round-trip a date, a number or a string with the row id', () => {
    const when = new Date('2026-11-25T10:00:00.123Z');
    expect(cursorDate(decodeCursor(encodeCursor(when, 'a')))).toEqual(when);
    expect(decodeCursor(encodeCursor(12.5, 'b'))).toEqual({ value: 12.5, id: 'b' });
    expect(decodeCursor(encodeCursor('gpt-4o', 'c'))).toEqual({ value: 'gpt-4o', id: 'c' });
  });

  it('refuse anything they did not make with a 400 naming `after`', () => {
    for (const bad of [
      '',
      'not-a-cursor',
      Buffer.from('[1]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
    ]) {
      const error = (() => {
        try {
          decodeCursor(bad);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).status).toBe(400);
    }
    expect(() => cursorDate(decodeCursor(encodeCursor('not a date', 'x')))).toThrow(/Invalid cursor/);
  });

  it('take page sizes from 1 to the maximum', () => {
    expect(() => checkPageSize(1)).not.toThrow();
    expect(() => checkPageSize(MAX_PAGE_SIZE)).not.toThrow();
    for (const bad of [0, MAX_PAGE_SIZE + 1, 2.5, Number.NaN])
      expect(() => checkPageSize(bad)).toThrow(/first/);
  });
});

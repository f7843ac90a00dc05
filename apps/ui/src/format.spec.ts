import { describe, expect, it } from 'vitest';

import { budgetShare, formatUsd, lastDays, parseList, parseOptionalNumber } from './format';

describe('form and display formatting', () => {
  it('parses comma lists and optional numbers, refusing what is not a number', () => {
    expect(parseList(' gpt-4o, ,mock-gpt ,')).toEqual(['gpt-4o', 'mock-gpt']);
    expect(parseOptionalNumber('  ')).toBeNull();
    expect(parseOptionalNumber('12.5')).toBe(12.5);
    expect(() => parseOptionalNumber('ten')).toThrow('"ten" is not a number');
  });

  it('lists the last 30 UTC days oldest first, across a month end', () => {
    const days = lastDays(30, new Date('2024-03-05T23:30:00Z'));
    expect(days).toHaveLength(30);
    expect([days[0], days[29]]).toEqual(['2024-02-05', '2024-03-05']);
  });

  it('shows money and budget shares, capped at a full bar', () => {
    expect(formatUsd(1.5)).toBe('$1.50');
    expect(formatUsd(null)).toBe('—');
    expect(budgetShare(5, 10)).toBe(0.5);
    expect(budgetShare(15, 10)).toBe(1);
    expect(budgetShare(5, null)).toBeNull();
  });
});

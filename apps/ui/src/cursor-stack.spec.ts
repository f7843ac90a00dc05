import { describe, expect, it } from 'vitest';

import { currentCursor, FIRST_PAGE, nextPage, pageNumber, previousPage } from './cursor-stack';

describe('cursor stack', () => {
  it('goes forward with each endCursor and back to the cursors it came from', () => {
    const third = nextPage(nextPage(FIRST_PAGE, 'c1'), 'c2');
    expect([pageNumber(third), currentCursor(third)]).toEqual([3, 'c2']);
    const second = previousPage(third);
    expect([pageNumber(second), currentCursor(second)]).toEqual([2, 'c1']);
    expect(currentCursor(previousPage(second))).toBeNull();
  });

  it('stays on the first page going back, and on the last page without an endCursor', () => {
    expect(previousPage(FIRST_PAGE)).toBe(FIRST_PAGE);
    expect(nextPage(FIRST_PAGE, null)).toBe(FIRST_PAGE);
  });
});

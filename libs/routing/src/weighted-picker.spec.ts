import { createDeployment } from '@switchyard/config/testing';
import { describe, expect, it } from 'vitest';

import { shuffleWeights, WeightedPicker } from './weighted-picker';

describe('simple-shuffle weights', () => {
  it('uses weight first, then rpm, then tpm, else uniform', () => {
    const a = (params: object) => createDeployment('g', 'mock/a', params);
    expect(shuffleWeights([a({ weight: 3, rpm: 1 }), a({ weight: 1, rpm: 100 })])).toEqual([3, 1]);
    expect(shuffleWeights([a({ rpm: 600 }), a({ rpm: 300 })])).toEqual([600, 300]);
    expect(shuffleWeights([a({ tpm: 10 }), a({})])).toEqual([10, 10]);
    expect(shuffleWeights([a({}), a({})])).toEqual([1, 1]);
  });
});

describe('WeightedPicker', () => {
  it('maps a random number onto cumulative weights', () => {
    const picker = new WeightedPicker([1, 3]);
    expect(picker.pick(0)).toBe(0);
    expect(picker.pick(0.24)).toBe(0);
    expect(picker.pick(0.26)).toBe(1);
    expect(picker.pick(0.999)).toBe(1);
  });

  it('spreads picks in proportion to the weights', () => {
    const picker = new WeightedPicker([2, 1, 1]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[picker.pick(i / 4000)]! += 1;
    expect(counts).toEqual([2000, 1000, 1000]);
  });

  it('never picks a zero-weight entry unless all are zero', () => {
    const picker = new WeightedPicker([0, 5]);
    for (const r of [0, 0.5, 0.99]) expect(picker.pick(r)).toBe(1);
    expect(new WeightedPicker([0, 0]).pick(0.9)).toBe(1);
  });
});

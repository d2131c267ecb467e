import { describe, expect, it } from 'vitest';
import { overlappedExposure } from './stages.js';

describe('overlapped communication exposure with SM contention', () => {
  it('communication longer than its window is exposed beyond the usable overlap', () => {
    // 10 ms of comm, 8 ms window, 90% usable → 7.2 ms hidden, 2.8 ms exposed, + 15% of the hidden 7.2 ms
    expect(overlappedExposure(10, 8, 0.9, 0.15)).toBeCloseTo(2.8 + 0.15 * 7.2, 12);
  });
  it('fully hidden communication still costs its SM share of the compute it overlaps', () => {
    expect(overlappedExposure(2, 100, 0.9, 20 / 132)).toBeCloseTo((2 * 20) / 132, 12);
  });
  it('without contention or overlap it reduces to the plain rules', () => {
    expect(overlappedExposure(2, 100, 0.9, 0)).toBe(0);
    expect(overlappedExposure(2, 100, 0, 0.15)).toBe(2);
  });
});

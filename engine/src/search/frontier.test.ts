import { describe, expect, it } from 'vitest';
import { ParetoFrontier, dominates, fewerGpus, mayBeatFewest, type Scored } from './frontier.js';
import { mulberry32 } from '../moe/balance.js';

function pt(cost: number, days: number, key: number, gpus = 8): Scored<string> {
  return { cost, days, gpus, key, item: `k${key}` };
}

function naiveFrontier(points: Array<Scored<string>>): number[] {
  return points
    .filter((p) => !points.some((q) => dominates(q.cost, q.days, p.cost, p.days) || (q.cost === p.cost && q.days === p.days && q.key < p.key)))
    .sort((a, b) => a.cost - b.cost)
    .map((p) => p.key);
}

describe('ParetoFrontier', () => {
  it('keeps exactly the non-dominated points, sorted by cost, whatever the insertion order', () => {
    const r = mulberry32(7); // deterministic, so the test is reproducible
    const points: Array<Scored<string>> = [];
    for (let k = 0; k < 300; k++) {
      // Coarse values so that ties and equal coordinates occur.
      points.push(pt(Math.floor(r() * 40), Math.floor(r() * 40), k));
    }
    const expected = naiveFrontier(points);
    for (let trial = 0; trial < 5; trial++) {
      const order = [...points].sort(() => r() - 0.5);
      const f = new ParetoFrontier<string>();
      for (const p of order) f.insert(p);
      expect(f.points.map((p) => p.key)).toEqual(expected);
    }
  });

  it('breaks exact (cost, days) ties by the smaller canonical key', () => {
    const f = new ParetoFrontier<string>();
    expect(f.insert(pt(10, 5, 9))).toBe(true);
    expect(f.insert(pt(10, 5, 3))).toBe(true);
    expect(f.insert(pt(10, 5, 4))).toBe(false);
    expect(f.points.map((p) => p.key)).toEqual([3]);
  });

  it('reports strict dominance of a lower-bound point, and not weak dominance (ties)', () => {
    const f = new ParetoFrontier<string>();
    f.insert(pt(10, 50, 1));
    f.insert(pt(20, 20, 2));
    f.insert(pt(40, 10, 3));
    expect(f.strictlyDominates(25, 30)).toBe(true); // beaten by (20, 20)
    expect(f.strictlyDominates(20, 21)).toBe(true); // same cost, fewer days
    expect(f.strictlyDominates(20, 20)).toBe(false); // exact tie: must be evaluated
    expect(f.strictlyDominates(15, 30)).toBe(false); // cheaper than (20,20), faster than (10,50)
    expect(f.strictlyDominates(5, 1000)).toBe(false); // cheapest so far
  });
});

describe('fewest-GPUs order', () => {
  it('orders by GPUs, then cost, then days, then key', () => {
    expect(fewerGpus(pt(100, 9, 5, 8), pt(1, 1, 1, 16))).toBe(true);
    expect(fewerGpus(pt(10, 9, 5, 8), pt(11, 1, 1, 8))).toBe(true);
    expect(fewerGpus(pt(10, 9, 5, 8), pt(10, 8, 1, 8))).toBe(false);
    expect(fewerGpus(pt(10, 8, 0, 8), pt(10, 8, 1, 8))).toBe(true);
  });

  it('protects candidates that could still win the fewest-GPUs objective', () => {
    const best = pt(100, 10, 1, 16);
    expect(mayBeatFewest(undefined, 1024, 1e9)).toBe(true);
    expect(mayBeatFewest(best, 8, 1e9)).toBe(true);
    expect(mayBeatFewest(best, 16, 100)).toBe(true);
    expect(mayBeatFewest(best, 16, 101)).toBe(false);
    expect(mayBeatFewest(best, 32, 1)).toBe(false);
  });
});

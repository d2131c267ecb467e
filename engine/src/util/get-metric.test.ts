import { describe, expect, it } from 'vitest';
import { getMetric } from './get-metric.js';

describe('getMetric', () => {
  const report = { throughput: { mfu: 0.41 }, memory: { stages: [{ totalGiB: 70.9 }] }, name: 'x', bad: Number.NaN };
  it('follows dotted paths through objects and arrays', () => {
    expect(getMetric(report, 'throughput.mfu')).toBe(0.41);
    expect(getMetric(report, 'memory.stages.0.totalGiB')).toBe(70.9);
  });
  it('returns undefined for missing paths, non-numbers and non-finite numbers', () => {
    expect(getMetric(report, 'throughput.hfu')).toBeUndefined();
    expect(getMetric(report, 'memory.stages.3.totalGiB')).toBeUndefined();
    expect(getMetric(report, 'name')).toBeUndefined();
    expect(getMetric(report, 'bad')).toBeUndefined();
    expect(getMetric(report, 'throughput')).toBeUndefined();
  });
});

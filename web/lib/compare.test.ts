import { describe, expect, it } from 'vitest';
import { COMPARE_METRICS, compareRows, delta, groupedBars, parsePlanIds, scaledPlan, scalingSeries, stackLabel } from './compare';
import { estimateOrThrow } from './engine';
import { setAtPath } from './plan-doc';
import { fixtureReport } from './test-fixtures';
import { presetRun } from './presets';

describe('delta', () => {
  it('gives absolute and relative change and whether it is better', () => {
    expect(delta(120, 100, true)).toEqual({ value: 120, abs: 20, pct: 0.2, better: false });
    expect(delta(80, 100, true).better).toBe(true);
    expect(delta(0.5, 0.4, false).better).toBe(true);
    expect(delta(5, 5, true).better).toBeUndefined();
  });
  it('leaves the percentage undefined against a zero baseline', () => {
    expect(delta(3, 0, true).pct).toBeUndefined();
  });
});

describe('compareRows', () => {
  it('compares every plan with the first', () => {
    const reports = [fixtureReport({ gpuHours: 1000, cost: 2000 }), fixtureReport({ gpuHours: 1500, cost: 1000 })];
    const rows = compareRows(reports);
    const gpuHours = rows.find((r) => r.metric.key === 'gpuHours')!;
    expect(gpuHours.cells[0]!.abs).toBe(0);
    expect(gpuHours.cells[1]).toMatchObject({ abs: 500, pct: 0.5, better: false });
    const cost = rows.find((r) => r.metric.key === 'costUsd')!;
    expect(cost.cells[1]).toMatchObject({ abs: -1000, pct: -0.5, better: true });
    expect(rows).toHaveLength(COMPARE_METRICS.length);
  });
  it('returns nothing for no reports', () => {
    expect(compareRows([])).toEqual([]);
  });
});

describe('stackLabel', () => {
  it('says which software stack each plan was timed with, and whether its GPU profile supplied it', () => {
    const ds = presetRun('deepseek-v3')!.plan;
    expect(stackLabel(estimateOrThrow(ds))).toEqual({ framework: 'generic', fromGpu: true });
    expect(stackLabel(estimateOrThrow(setAtPath(ds, 'cluster.gpu', 'h100-sxm')))).toEqual({ framework: 'torchtitan', fromGpu: true });
    expect(stackLabel(estimateOrThrow(setAtPath(ds, 'assumptions.framework', 'megatron-core')))).toEqual({ framework: 'megatron-core', fromGpu: false });
  });
});

describe('groupedBars', () => {
  it('makes one bar per plan for a metric', () => {
    const m = COMPARE_METRICS.find((x) => x.key === 'wallClockDays')!;
    expect(groupedBars(['a', 'b'], [fixtureReport({ days: 3 }), fixtureReport({ days: 7 })], m)).toEqual([
      { name: 'a', value: 3 },
      { name: 'b', value: 7 },
    ]);
  });
});

describe('scaledPlan', () => {
  it('scales the GPU count and lets the data-parallel degree follow', () => {
    const doc = presetRun('deepseek-v3')!.plan;
    const p = scaledPlan(doc, 2)!;
    expect(p.cluster.gpus).toBe(4096);
    expect(p.parallelism.data).toBeUndefined();
    expect(p.parallelism.pipeline).toBe(16);
    expect(doc.cluster.gpus).toBe(2048);
  });
  it('refuses a fractional GPU count', () => {
    const doc = presetRun('deepseek-v3')!.plan;
    doc.cluster.gpus = 6;
    expect(scaledPlan(doc, 0.25)).toBeUndefined();
  });
});

describe('scalingSeries', () => {
  it('keeps accepted points and reports rejected ones with the reason', () => {
    const doc = presetRun('llama3-8b')!.plan;
    const run = (p: typeof doc) => {
      if (p.cluster.gpus > 256) throw new Error('globalBatchSize not divisible');
      return fixtureReport({ cost: p.cluster.gpus * 10 });
    };
    const s = scalingSeries(doc, run, [0.5, 1, 2, 4]);
    expect(s.points.map((p) => p.gpus)).toEqual([64, 128, 256]);
    expect(s.points.map((p) => p.costUsd)).toEqual([640, 1280, 2560]);
    expect(s.skipped).toEqual([{ gpus: 512, reason: 'globalBatchSize not divisible' }]);
  });
});

describe('parsePlanIds', () => {
  it('splits, trims and de-duplicates', () => {
    expect(parsePlanIds(' a, b,,a ,c')).toEqual(['a', 'b', 'c']);
    expect(parsePlanIds(null)).toEqual([]);
  });
});

describe('fraction metrics', () => {
  it('format their differences in percentage points', () => {
    const m = COMPARE_METRICS.find((x) => x.key === 'mfu')!;
    expect(m.formatDelta!(0.0123)).toBe('1.2 pp');
  });
});

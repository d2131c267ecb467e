import { describe, expect, it } from 'vitest';
import { buildSearchSpec, frontierPoints, type FrontierEntry } from './search';

describe('buildSearchSpec', () => {
  it('writes the issue-8 spec and leaves empty constraints out', () => {
    const spec = buildSearchSpec({
      model: 'deepseek-v3', tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360,
      candidates: [{ gpu: 'h800-sxm', maxGpus: 4096 }, { gpu: 'h100-sxm', maxGpus: 2048, usdPerGpuHour: 3 }],
      precision: 'fp8', deadlineDays: 60,
    });
    expect(spec).toEqual({
      version: 1,
      model: 'deepseek-v3',
      training: { tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360 },
      candidates: [{ gpu: 'h800-sxm', maxGpus: 4096 }, { gpu: 'h100-sxm', maxGpus: 2048, usdPerGpuHour: 3 }],
      fixed: { precision: 'fp8' },
      constraints: { deadlineDays: 60 },
    });
  });
  it('states one software stack for every candidate GPU when the form names one', () => {
    const spec = buildSearchSpec({
      model: 'deepseek-v3', tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360,
      candidates: [{ gpu: 'h800-sxm', maxGpus: 4096 }, { gpu: 'h100-sxm', maxGpus: 4096 }],
      framework: 'megatron-core',
    });
    expect(spec.fixed).toEqual({ assumptions: { framework: 'megatron-core' } });
  });
});

describe('frontierPoints', () => {
  const entry = (gpus: number, cost: number, days: number): FrontierEntry => ({
    plan: { cluster: { gpus } },
    summary: { gpu: 'h800-sxm', gpus, gpuHours: cost / 2, wallClockDays: days, costUsd: cost, peakGiB: 60, mfu: 0.4 },
  });
  it('makes one point per frontier plan and tags the best ones', () => {
    const a = entry(512, 1e6, 90);
    const b = entry(2048, 2e6, 30);
    const pts = frontierPoints({ frontier: [a, b], best: { cheapest: a, fastest: b, fewestGpus: a } });
    expect(pts.map((p) => [p.gpus, p.costUsd, p.wallClockDays])).toEqual([[512, 1e6, 90], [2048, 2e6, 30]]);
    expect(pts[0]!.best).toEqual(['cheapest', 'fewest GPUs']);
    expect(pts[1]!.best).toEqual(['fastest']);
    expect(pts[1]!.label).toBe('2048 × h800-sxm');
  });
});

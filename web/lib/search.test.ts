import { describe, expect, it } from 'vitest';
import { search as engineSearch } from '@flopcast/engine';
import { buildSearchSpec, frontierPoints, recomputeLabel, type FrontierEntry } from './search';

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
  it('asks the engine to also re-run whole MoE layers when ticked, and the engine accepts it', () => {
    const form = { model: 'deepseek-v2-lite', tokens: 1e11, sequenceLength: 4096, globalBatchSize: 256, candidates: [{ gpu: 'h100-sxm', maxGpus: 16 }], precision: 'bf16' as const };
    expect(buildSearchSpec(form)).not.toHaveProperty('space');
    const spec = buildSearchSpec({ ...form, moeLayerRecompute: true });
    expect(spec.space).toEqual({ recomputeModules: [['layernorm', 'moe']] });
    const out = engineSearch(spec);
    expect(out.frontier.length).toBeGreaterThan(0);
    expect(out.frontier.map((e) => recomputeLabel(e.plan.parallelism as Record<string, unknown>)).every((l) => /^(none|full|selective)/.test(l))).toBe(true);
  });
});

describe('recomputeLabel', () => {
  it('names the mode, and the module list when there is one', () => {
    expect(recomputeLabel({ recompute: 'selective', recomputeModules: ['layernorm', 'moe'] })).toBe('selective (layernorm, moe)');
    expect(recomputeLabel({ recompute: 'full' })).toBe('full');
    expect(recomputeLabel({})).toBe('none');
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

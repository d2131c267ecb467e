import { describe, expect, it } from 'vitest';
import { estimate, estimateResolved } from '../estimate.js';
import { validatePlan } from '../plan/validate.js';
import { deeperInterleavingAdvice, interleavingCandidates } from './advice.js';

/** Llama 3 405B long-context stage as the calibration case assumes it: 16 micro-batches over PP16, two chunks per rank. */
function llama405b(schedule: '1f1b' | 'interleaved-1f1b', virtualStages: number) {
  return {
    version: 1,
    name: 'llama3-405b-cp16',
    model: 'llama3-405b',
    training: { tokens: 16_777_216_000, sequenceLength: 131072, globalBatchSize: 128, microBatchSize: 1 },
    cluster: { gpu: 'h100-sxm', gpus: 16384, gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'roce-400', nicsPerNode: 8 },
    parallelism: { tensor: 8, pipeline: 16, virtualStages, context: 16, data: 8, sequenceParallel: true, zero: 2, schedule, recompute: 'none' },
    precision: 'bf16',
  };
}

describe('interleavingCandidates', () => {
  it('doubles the chunks per rank up to layers + 2 model chunks, from 1F1B or the current interleaving', () => {
    expect(interleavingCandidates({ schedule: '1f1b', pipeline: 16, virtualStages: 1, microBatches: 16, layers: 126 })).toEqual([2, 4, 8]);
    expect(interleavingCandidates({ schedule: 'interleaved-1f1b', pipeline: 16, virtualStages: 2, microBatches: 16, layers: 126 })).toEqual([4, 8]);
    expect(interleavingCandidates({ schedule: 'interleaved-1f1b', pipeline: 4, virtualStages: 2, microBatches: 16, layers: 1000 })).toEqual([4, 8, 16, 32]);
  });
  it('has nothing to offer without a pipeline or for the other schedules', () => {
    expect(interleavingCandidates({ schedule: '1f1b', pipeline: 1, virtualStages: 1, microBatches: 16, layers: 126 })).toEqual([]);
    for (const s of ['gpipe', 'zb1p', 'dualpipe', 'dualpipev']) {
      expect(interleavingCandidates({ schedule: s, pipeline: 16, virtualStages: 1, microBatches: 16, layers: 126 }), s).toEqual([]);
    }
  });
});

describe('pipeline-bubble advice', () => {
  it('names the deeper interleaving that fits and shortens the step (Llama 3 405B at 131k: V 2 → 8, the paper\'s one layer per chunk)', () => {
    const r = estimate(llama405b('interleaved-1f1b', 2));
    const w = r.warnings.find((x) => x.code === 'pipeline-bubble');
    expect(r.pipeline.bubbleFraction).toBeGreaterThan(0.25);
    expect(w?.message).toMatch(/virtualStages 8 leaves \d+%/);
    // the advice is what estimating the advised plan gives
    const advised = estimate(llama405b('interleaved-1f1b', 8));
    expect(advised.memory.fits).toBe(true);
    expect(advised.step.seconds).toBeLessThan(0.95 * r.step.seconds);
    expect(w!.message).toContain(`leaves ${(advised.pipeline.bubbleFraction * 100).toFixed(0)}%`);
    expect(w!.message).toContain(`${((1 - advised.step.seconds / r.step.seconds) * 100).toFixed(0)}% shorter step`);
    expect(w!.fix).toEqual([{ path: 'parallelism.virtualStages', value: 8 }]);
  });

  it('from 1F1B it advises the interleaved schedule itself', () => {
    const w = estimate(llama405b('1f1b', 1)).warnings.find((x) => x.code === 'pipeline-bubble');
    expect(w?.message).toMatch(/schedule interleaved-1f1b with virtualStages \d+/);
    const v = Number(/virtualStages (\d+)/.exec(w!.message)![1]);
    expect(w!.fix).toEqual([
      { path: 'parallelism.schedule', value: 'interleaved-1f1b' },
      { path: 'parallelism.virtualStages', value: v },
    ]);
  });

  it('is not given where the bubble is small, nor by the search path (estimateResolved), nor when asked not to', () => {
    const deep = estimate(llama405b('interleaved-1f1b', 8));
    expect(deep.pipeline.bubbleFraction).toBeLessThan(0.15);
    expect(deep.warnings.some((x) => x.code === 'pipeline-bubble')).toBe(false);
    const v = validatePlan(llama405b('interleaved-1f1b', 2));
    if (!v.ok) throw new Error('plan should validate');
    expect(estimateResolved(v.plan).warnings.some((x) => x.code === 'pipeline-bubble')).toBe(false);
    expect(estimate(llama405b('interleaved-1f1b', 2), { advice: false }).warnings.some((x) => x.code === 'pipeline-bubble')).toBe(false);
  });

  it('advises nothing when no candidate fits in memory or none saves 5%', () => {
    const base = estimate(llama405b('interleaved-1f1b', 2));
    const input = { schedule: 'interleaved-1f1b', pipeline: 16, virtualStages: 2, microBatches: 16, layers: 126 };
    const tooBig = { ...base, memory: { ...base.memory, fits: false }, step: { ...base.step, seconds: base.step.seconds / 2 } };
    expect(deeperInterleavingAdvice(input, base, () => tooBig)).toBeUndefined();
    const barely = { ...base, step: { ...base.step, seconds: base.step.seconds * 0.97 } };
    expect(deeperInterleavingAdvice(input, base, () => barely)).toBeUndefined();
    expect(deeperInterleavingAdvice(input, base, () => undefined)).toBeUndefined();
  });
});

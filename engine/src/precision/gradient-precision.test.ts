import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate.js';
import { validatePlan } from '../plan/validate.js';
import { RECIPES, withGradientPrecision, withOptimizerStatePrecision } from './recipes.js';

/** Llama 3 70B on 64 H100 (TP8 × DP8, ZeRO-1): gradients are a whole replica's worth per GPU, the reduction crosses nodes. */
const plan = (gradientPrecision?: string, precision = 'bf16') => ({
  version: 1,
  name: 'llama3-70b-64',
  model: 'llama3-70b',
  training: { tokens: 1e11, sequenceLength: 8192, globalBatchSize: 64, microBatchSize: 1 },
  cluster: { gpu: 'h100-sxm', gpus: 64, gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'ib-ndr', nicsPerNode: 8 },
  parallelism: { tensor: 8, pipeline: 1, zero: 1, sequenceParallel: true, schedule: '1f1b', recompute: 'full' },
  precision,
  assumptions: { framework: 'megatron-core', ...(gradientPrecision ? { gradientPrecision } : {}) },
});

describe('assumptions.gradientPrecision (Megatron-Core grad_reduce_in_fp32)', () => {
  it('bf16 halves gradient bytes in memory and on the wire and leaves master weights and moments FP32', () => {
    for (const r of Object.values(RECIPES)) {
      const b = withGradientPrecision(r, 'bf16').bytes;
      expect(b.gradients).toBe(2);
      expect(b.dpGradientCommunication).toBe(2);
      expect(b.masterWeights).toBe(r.bytes.masterWeights);
      expect(b.optimizerMoment1).toBe(r.bytes.optimizerMoment1);
      expect(withGradientPrecision(r, 'fp32')).toBe(r);
    }
  });

  it('the default is fp32 and stating it changes nothing', () => {
    const none = estimate(plan());
    const fp32 = estimate(plan('fp32'));
    expect(none.details!['assumptions']).toMatchObject({ gradientPrecision: 'fp32' });
    expect(fp32.step).toEqual(none.step);
    expect(fp32.memory).toEqual(none.memory);
  });

  it('bf16 gradients: half the gradient GiB per stage, less data-parallel traffic, a step no longer', () => {
    const fp32 = estimate(plan('fp32'));
    const bf16 = estimate(plan('bf16'));
    const s32 = fp32.memory.stages[0]!;
    const s16 = bf16.memory.stages[0]!;
    expect(s16.gradientsGiB).toBeCloseTo(s32.gradientsGiB / 2, 9);
    expect(s16.paramsGiB).toBe(s32.paramsGiB);
    expect(s16.optimizerGiB).toBe(s32.optimizerGiB);
    expect(s32.totalGiB - s16.totalGiB).toBeCloseTo(s32.gradientsGiB / 2, 9);
    const dp = (r: ReturnType<typeof estimate>) => r.communication.find((c) => c.kind === 'dp')!;
    // ZeRO-1: reduce-scatter gradients (4 → 2 bytes) + all-gather BF16 weights (2 bytes): 6 → 4 bytes per parameter
    expect(dp(bf16).bytesPerStep / dp(fp32).bytesPerStep).toBeCloseTo(4 / 6, 2);
    expect(dp(bf16).seconds).toBeLessThan(dp(fp32).seconds);
    expect(bf16.step.seconds).toBeLessThanOrEqual(fp32.step.seconds);
  });

  it('an unknown value is an error on the field', () => {
    const v = validatePlan(plan('fp16'));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toMatchObject({ path: 'assumptions.gradientPrecision', code: 'invalid_enum' });
  });
});

describe('assumptions.optimizerStatePrecision (precision-aware optimizer, BF16 optimizer states)', () => {
  it('bf16-moments halves the moments, bf16 also the master weights; recipe keeps DeepSeek fp8\'s BF16 moments', () => {
    const bf16 = RECIPES.bf16;
    expect(withOptimizerStatePrecision(bf16, 'recipe')).toBe(bf16);
    expect(withOptimizerStatePrecision(bf16, 'bf16-moments').bytes).toMatchObject({ optimizerMoment1: 2, optimizerMoment2: 2, masterWeights: 4 });
    expect(withOptimizerStatePrecision(bf16, 'bf16').bytes).toMatchObject({ optimizerMoment1: 2, optimizerMoment2: 2, masterWeights: 2 });
    expect(withOptimizerStatePrecision(RECIPES.fp8, 'recipe').bytes.optimizerMoment1).toBe(2);
    expect(withOptimizerStatePrecision(RECIPES.fp8, 'fp32').bytes).toMatchObject({ optimizerMoment1: 4, optimizerMoment2: 4, masterWeights: 4 });
  });

  it('shrinks the optimizer GiB per stage in proportion (12 → 8 → 6 bytes per parameter) and nothing else', () => {
    const at = (p?: string) => estimate({ ...plan(), assumptions: { framework: 'megatron-core', ...(p ? { optimizerStatePrecision: p } : {}) } }).memory.stages[0]!;
    const fp32 = at();
    const moments = at('bf16-moments');
    const all = at('bf16');
    expect(moments.optimizerGiB / fp32.optimizerGiB).toBeCloseTo(8 / 12, 9);
    expect(all.optimizerGiB / fp32.optimizerGiB).toBeCloseTo(6 / 12, 9);
    expect(all.paramsGiB).toBe(fp32.paramsGiB);
    expect(all.gradientsGiB).toBe(fp32.gradientsGiB);
    expect(all.activationsGiB).toBe(fp32.activationsGiB);
  });

  it('an unknown value is an error on the field', () => {
    const v = validatePlan({ ...plan(), assumptions: { optimizerStatePrecision: 'fp16' } });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toMatchObject({ path: 'assumptions.optimizerStatePrecision', code: 'invalid_enum' });
  });
});

import { describe, expect, it } from 'vitest';
import { BUILTIN_GPUS } from '../catalog/gpus.js';
import { gemmSeconds, streamSeconds } from '../compute/kernels.js';
import { estimate } from '../estimate.js';
import { validatePlan } from '../plan/validate.js';
import { qwen3_30bGb200Plan as plan } from '../../test/fixtures/plans.js';
import { RECIPES, withOutputHeadPrecision } from './recipes.js';

type Chunk = { head: boolean; forwardSeconds: number; backwardInputSeconds: number; backwardWeightSeconds: number };
const headChunk = (r: ReturnType<typeof estimate>) => (r.details?.criticalRankChunks as Chunk[]).find((c) => c.head)!;

describe('assumptions.outputHeadPrecision: fp8 (Megatron-Core fp8_output_proj, the MXFP8 LM head)', () => {
  it('runs the head GEMM at the FP8 rate and adds its input quantisation, by hand in forward; nothing else moves', () => {
    const bf16 = estimate(plan());
    const fp8 = estimate(plan({ outputHeadPrecision: 'fp8' }));
    const gpu = BUILTIN_GPUS.gb200!;
    const T = 4 * 4096;
    const head = (precision: 'bf16' | 'fp8') => gemmSeconds({ m: T, n: 151936, k: 2048, precision }, gpu);
    // forward: one T × V × h GEMM, plus (FP8) the quantisation of its T × h input at the recipe's 4 B per element
    const expected = head('bf16') - head('fp8') - streamSeconds(RECIPES.fp8!.quantisationBytesPerElement * T * 2048, gpu, 1);
    expect(headChunk(bf16).forwardSeconds - headChunk(fp8).forwardSeconds).toBeCloseTo(expected, 9);
    expect(expected).toBeGreaterThan(0);
    expect(headChunk(fp8).backwardInputSeconds).toBeLessThan(headChunk(bf16).backwardInputSeconds);
    expect(fp8.step.seconds).toBeLessThan(bf16.step.seconds);
    // model FLOPs are the same work
    expect(fp8.throughput.modelTflopsPerGpu * fp8.step.seconds).toBeCloseTo(bf16.throughput.modelTflopsPerGpu * bf16.step.seconds, 6);
  });

  it('leaves a recipe whose head is already FP8 as it is, and `recipe` changes nothing', () => {
    const r = withOutputHeadPrecision(RECIPES.fp8!, 'recipe');
    expect(r).toBe(RECIPES.fp8);
    const once = withOutputHeadPrecision(RECIPES.fp8!, 'fp8');
    expect(once.gemm.head).toBe('fp8');
    expect(withOutputHeadPrecision(once, 'fp8')).toBe(once);
    expect(estimate(plan({ outputHeadPrecision: 'recipe' })).step.seconds).toBe(estimate(plan()).step.seconds);
  });

  it('is refused, naming the field, outside the MXFP8 recipe it exists for: BF16, per-tensor FP8, Hopper', () => {
    for (const [p, why] of [
      [plan({ outputHeadPrecision: 'fp8' }, { precision: 'bf16' }), /needs block-scaled GEMMs .*got "bf16"/],
      [plan({ outputHeadPrecision: 'fp8' }, { precision: 'fp8-tensorwise' }), /needs block-scaled GEMMs .*got "fp8-tensorwise"/],
      [plan({ outputHeadPrecision: 'fp8' }, { cluster: { gpu: 'h100-sxm', gpus: 8 } }), /fp8_output_proj .*h100-sxm has none/],
    ] as const) {
      const r = validatePlan(p);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.find((x) => x.path === 'assumptions.outputHeadPrecision')?.message).toMatch(why);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate.js';
import { validatePlan } from '../plan/validate.js';
import { RECIPES } from '../precision/recipes.js';
import { optimizerBytesPerParam } from './step.js';

/** Llama 3 8B on 8 H100 with ZeRO-1: the optimizer updates an eighth of the 8B parameters per GPU. */
const plan = (optimizerKernels?: string) => ({
  version: 1,
  name: 'llama3-8b-8',
  model: 'llama3-8b',
  training: { tokens: 1e11, sequenceLength: 8192, globalBatchSize: 16, microBatchSize: 2 },
  cluster: { gpu: 'h100-sxm', gpus: 8 },
  parallelism: { tensor: 1, pipeline: 1, zero: 1, schedule: '1f1b', recompute: 'full' },
  precision: 'bf16',
  ...(optimizerKernels ? { assumptions: { optimizerKernels } } : {}),
});

describe('AdamW update bytes', () => {
  it('fused: one pass, 34 B per parameter with FP32 state and BF16 weights; one kernel per op: 102 B', () => {
    const b = RECIPES.bf16.bytes;
    expect(optimizerBytesPerParam(b, 'fused')).toEqual({ bytes: 34, kernels: 4 });
    expect(optimizerBytesPerParam(b, 'unfused')).toEqual({ bytes: 102, kernels: 11 });
  });

  it('an unfused optimizer triples the optimizer time of the step and leaves the rest alone', () => {
    const fused = estimate(plan());
    const unfused = estimate(plan('unfused'));
    expect(fused.details!['assumptions']).toMatchObject({ optimizerKernels: 'fused' });
    const ratio = unfused.step.breakdown.optimizer / fused.step.breakdown.optimizer;
    expect(ratio).toBeGreaterThan(2.8);
    expect(ratio).toBeLessThan(3.1);
    expect(unfused.step.breakdown.compute).toBe(fused.step.breakdown.compute);
    expect(unfused.step.seconds).toBeGreaterThan(fused.step.seconds);
  });

  it('an unknown value is an error naming the field', () => {
    const v = validatePlan(plan('apex'));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toMatchObject({ path: 'assumptions.optimizerKernels', code: 'invalid_enum' });
  });
});

import { describe, expect, it } from 'vitest';
import { estimate } from './estimate.js';
import { PlanValidationError } from './plan/errors.js';
import { stackSensitivity, stackVariants, summarizeStacks } from './stack-sensitivity.js';

const llama = (gpu: string, sequenceLength: number, assumptions?: Record<string, unknown>) => ({
  version: 1,
  model: 'llama3-8b',
  training: { tokens: 1e11, sequenceLength, globalBatchSize: 64, microBatchSize: 1 },
  cluster: { gpu, gpus: 8 },
  parallelism: { zero: 3, recompute: 'selective' },
  ...(assumptions ? { assumptions } : {}),
});

describe('stackSensitivity', () => {
  it('times an unstated H100 plan under every preset, marks the default stack it was estimated with, and says how far apart they are', () => {
    const s = stackSensitivity(llama('h100-sxm', 32768));
    expect(s).toMatchObject({ framework: 'torchtitan', frameworkFrom: 'gpu-profile' });
    expect(s.rows.map((r) => r.framework)).toEqual(['generic', 'megatron-core', 'torchtitan', 'torchtitan-compile']);
    const by = Object.fromEntries(s.rows.map((r) => [r.framework, r]));
    expect(by['torchtitan']).toMatchObject({ applied: true, stepRatio: 1, attentionKernel: 'pytorch-flash', elementwiseKernels: 'eager' });
    // the applied row is the plan's own estimate
    expect(by['torchtitan']!.stepSeconds).toBe(estimate(llama('h100-sxm', 32768)).step.seconds);
    // at 32k tokens attention dominates: cuDNN-class attention (Megatron-Core) is far faster than the PyTorch-native rate
    expect(by['megatron-core']).toMatchObject({ applied: false, attentionKernel: 'flash3', elementwiseKernels: 'fused' });
    expect(by['megatron-core']!.stepRatio).toBeLessThan(0.7);
    expect(by['torchtitan-compile']!.stepRatio).toBeLessThan(1);
    expect(s.spread).toBeGreaterThan(1.4);
    for (const r of s.rows) expect(r.gpuHours / r.stepSeconds, r.framework).toBeCloseTo(by['torchtitan']!.gpuHours / by['torchtitan']!.stepSeconds, 6);
  });

  it('keeps what the plan states fixed in every row, and marks a stated framework as the plan\'s', () => {
    const s = stackSensitivity(llama('h100-sxm', 8192, { framework: 'megatron-core', attentionKernel: 'flash2' }));
    expect(s).toMatchObject({ framework: 'megatron-core', frameworkFrom: 'plan' });
    for (const r of s.rows) expect(r.attentionKernel, r.framework).toBe('flash2');
    expect(s.rows.find((r) => r.applied)!.framework).toBe('megatron-core');
  });

  it('on H800 the generic stack is Megatron-Core\'s (same kernels), so only the PyTorch-native presets move the estimate', () => {
    const s = stackSensitivity(llama('h800-sxm', 8192));
    const by = Object.fromEntries(s.rows.map((r) => [r.framework, r]));
    expect(s.framework).toBe('generic');
    expect(by['megatron-core']!.stepSeconds).toBe(by['generic']!.stepSeconds);
    expect(by['torchtitan']!.stepRatio).toBeGreaterThan(1);
  });

  it('splits into variants a caller can estimate elsewhere (the CLI through the API) and summarise in any order', () => {
    const plan = llama('h100-sxm', 16384, { tpCommOverlap: 0.5 });
    const variants = stackVariants(plan);
    expect(variants.map((v) => v.plan['assumptions'])).toEqual(
      ['generic', 'megatron-core', 'torchtitan', 'torchtitan-compile'].map((framework) => ({ tpCommOverlap: 0.5, framework })),
    );
    const reports = variants.map((v) => ({ framework: v.framework, report: estimate(v.plan) })).reverse();
    expect(summarizeStacks(estimate(plan), reports)).toEqual(stackSensitivity(plan));
    expect(() => summarizeStacks(estimate(plan), reports.slice(1))).toThrow(/no report/);
  });

  it('rejects a plan that does not validate, naming the field, as estimate does', () => {
    expect(() => stackSensitivity(llama('h100-sxm', 0))).toThrow(PlanValidationError);
    expect(() => stackSensitivity('plan')).toThrow(PlanValidationError);
    expect(() => stackSensitivity(llama('h100-sxm', 8192, { framework: 'jax' }))).toThrow(/assumptions\.framework/);
  });
});

import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate.js';
import { validatePlan } from './validate.js';

function llama(gpu: string, assumptions: Record<string, unknown>): Record<string, any> {
  return {
    version: 1,
    model: 'llama3-8b',
    training: { tokens: 1e11, sequenceLength: 8192, globalBatchSize: 16, microBatchSize: 2 },
    cluster: { gpu, gpus: 8 },
    parallelism: { zero: 3, recompute: 'selective' },
    assumptions,
  };
}

const applied = (plan: Record<string, any>) => {
  const r = validatePlan(plan);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan.assumptions;
};

describe('assumptions.framework presets', () => {
  it('megatron-core takes the newest flash kernel the GPU has measured (cuDNN class on H100, FA2 on A100) and fused ops', () => {
    expect(applied(llama('h100-sxm', { framework: 'megatron-core' }))).toMatchObject({ attentionKernel: 'flash3', elementwiseKernels: 'fused', selectiveRecompute: 'core-attention' });
    expect(applied(llama('a100-sxm-80gb', { framework: 'megatron-core' })).attentionKernel).toBe('flash2');
    expect(applied(llama('mi300x', { framework: 'megatron-core' })).attentionKernel).toBe('flash2');
  });

  it('torchtitan is SDPA at the PyTorch-native end-to-end rate, eager elementwise ops and op-level SAC; torchtitan-compile fuses the ops', () => {
    expect(applied(llama('h100-sxm', { framework: 'torchtitan' }))).toMatchObject({ attentionKernel: 'pytorch-flash', elementwiseKernels: 'eager', selectiveRecompute: 'every-other-matmul' });
    expect(applied(llama('h100-sxm', { framework: 'torchtitan-compile' })).elementwiseKernels).toBe('fused');
    const eager = estimate(llama('h100-sxm', { framework: 'torchtitan' })).throughput.tokensPerGpuSecond;
    const compiled = estimate(llama('h100-sxm', { framework: 'torchtitan-compile' })).throughput.tokensPerGpuSecond;
    expect(compiled / eager).toBeGreaterThan(1.1);
  });

  it('an assumption the plan sets itself wins over the preset, and the report lists what was applied', () => {
    const plan = llama('h100-sxm', { framework: 'torchtitan', elementwiseKernels: 'fused' });
    expect(applied(plan)).toMatchObject({ framework: 'torchtitan', elementwiseKernels: 'fused', selectiveRecompute: 'every-other-matmul' });
    expect(estimate(plan).details?.assumptions).toMatchObject({ framework: 'torchtitan', elementwiseKernels: 'fused' });
  });

  it('generic (the default) changes nothing', () => {
    const a = applied(llama('h100-sxm', {}));
    expect(a).toMatchObject({ framework: 'generic', attentionKernel: 'gpu-default', elementwiseKernels: 'fused', selectiveRecompute: 'core-attention' });
  });

  it('an unknown framework is an error naming the field and the choices', () => {
    const r = validatePlan(llama('h100-sxm', { framework: 'jax' }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toMatchObject({ path: 'assumptions.framework', code: 'invalid_enum' });
      expect(r.errors[0]!.message).toContain('megatron-core');
    }
    const proto = validatePlan(llama('h100-sxm', { framework: '__proto__' }));
    expect(proto.ok).toBe(false);
  });
});

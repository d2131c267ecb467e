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

  it('generic changes nothing', () => {
    const a = applied(llama('h100-sxm', { framework: 'generic' }));
    expect(a).toMatchObject({ framework: 'generic', attentionKernel: 'gpu-default', elementwiseKernels: 'fused', selectiveRecompute: 'core-attention' });
  });

  it('a plan that names no framework is timed as its GPU profile\'s default stack (H100 / H200: PyTorch-native eager; H800, B200, A100: generic)', () => {
    for (const gpu of ['h100-sxm', 'h200-sxm', 'h100-hbm2e-96gb']) {
      expect(applied(llama(gpu, {})), gpu).toMatchObject({ framework: 'torchtitan', attentionKernel: 'pytorch-flash', elementwiseKernels: 'eager', selectiveRecompute: 'every-other-matmul' });
    }
    for (const gpu of ['h800-sxm', 'b200', 'a100-sxm-80gb']) {
      expect(applied(llama(gpu, {})), gpu).toMatchObject({ framework: 'generic', attentionKernel: 'gpu-default', elementwiseKernels: 'fused' });
    }
    // the same plan, stated and unstated, gives the same estimate; the report says where the stack came from
    const unstated = estimate(llama('h100-sxm', {}));
    const stated = estimate(llama('h100-sxm', { framework: 'torchtitan' }));
    expect(unstated.step.seconds).toBe(stated.step.seconds);
    expect(unstated.details).toMatchObject({ frameworkFrom: 'gpu-profile', assumptions: { framework: 'torchtitan' } });
    expect(stated.details).toMatchObject({ frameworkFrom: 'plan' });
    // a stated assumption still wins over the default stack
    expect(applied(llama('h100-sxm', { elementwiseKernels: 'fused' }))).toMatchObject({ framework: 'torchtitan', elementwiseKernels: 'fused' });
    // and the stack moves the estimate: Megatron-Core's on the same plan is faster
    expect(estimate(llama('h100-sxm', { framework: 'megatron-core' })).step.seconds).toBeLessThan(unstated.step.seconds * 0.9);
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

describe('warning stack-assumed', () => {
  const stackWarning = (plan: Record<string, any>) => estimate(plan).warnings.find((w) => w.code === 'stack-assumed');

  it('tells an H100 plan that names no framework which default stack timed it, and how to state another', () => {
    const w = stackWarning(llama('h100-sxm', {}));
    expect(w?.message).toContain("h100-sxm's default software stack, torchtitan (pytorch-flash attention, eager element-wise ops, every-other-matmul selective recompute)");
    expect(w?.message).toContain('--stacks');
  });

  it('stays quiet once the plan names a framework (even generic), and on GPUs whose default is generic', () => {
    expect(stackWarning(llama('h100-sxm', { framework: 'generic' }))).toBeUndefined();
    expect(stackWarning(llama('h100-sxm', { framework: 'torchtitan' }))).toBeUndefined();
    expect(stackWarning(llama('h800-sxm', {}))).toBeUndefined();
    expect(stackWarning(llama('b200', {}))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG } from '../catalog/index.js';
import { ATTENTION_KERNELS } from '../catalog/types.js';
import { estimate } from '../estimate.js';
import { validatePlan } from './validate.js';

/** A long-context dense plan, where the attention core is a large share of the step. */
function longContext(gpu: string, attentionKernel?: string): Record<string, any> {
  return {
    version: 1,
    model: 'llama3-8b',
    training: { tokens: 1e11, sequenceLength: 32768, globalBatchSize: 64, microBatchSize: 1 },
    cluster: { gpu, gpus: 8 },
    parallelism: { tensor: 1, pipeline: 1, zero: 3, recompute: 'selective' },
    ...(attentionKernel === undefined ? {} : { assumptions: { attentionKernel } }),
  };
}

describe('assumptions.attentionKernel', () => {
  it('leaves the GPU profile as it is by default and says which kernel class the report used', () => {
    const r = estimate(longContext('h100-sxm'));
    const h100 = BUILTIN_CATALOG.gpus['h100-sxm']!;
    expect(r.details?.attentionKernel).toEqual({
      kernel: 'pytorch-flash',
      forwardFraction: h100.efficiency.attentionForwardFraction,
      backwardFraction: h100.efficiency.attentionBackwardFraction,
    });
  });

  it('runs the attention core faster with the Hopper-native kernel class on H100 (and only the attention part changes)', () => {
    const fa2 = estimate(longContext('h100-sxm', 'flash2'));
    const fa3 = estimate(longContext('h100-sxm', 'flash3'));
    expect(fa3.details?.attentionKernel).toMatchObject({ kernel: 'flash3', forwardFraction: 0.59, backwardFraction: 0.53 });
    expect(fa3.step.seconds).toBeLessThan(fa2.step.seconds * 0.9);
    expect(fa3.model.flopsPerToken.training).toBe(fa2.model.flopsPerToken.training);
    const a = (fa2.details?.perLayer as any).dense.attentionSeconds;
    const b = (fa3.details?.perLayer as any).dense.attentionSeconds;
    expect(b / a).toBeGreaterThan(0.5);
    expect(b / a).toBeLessThan(0.7);
  });

  it('defaults H100 to the end-to-end PyTorch rate, slower than the isolated FlashAttention-2 kernel by the measured ratio', () => {
    const e2e = estimate(longContext('h100-sxm'));
    const fa2 = estimate(longContext('h100-sxm', 'flash2'));
    expect(fa2.details?.attentionKernel).toMatchObject({ kernel: 'flash2', forwardFraction: 0.34, backwardFraction: 0.32 });
    const a = (e2e.details?.perLayer as any).dense.attentionSeconds;
    const b = (fa2.details?.perLayer as any).dense.attentionSeconds;
    // 0.19 / 0.34 forward, 0.18 / 0.32 backward: the kernel-only rate is ~1.8× the rate PyTorch-native runs reached
    expect(a / b).toBeGreaterThan(1.65);
    expect(a / b).toBeLessThan(1.95);
    expect((e2e.details?.perLayer as any).dense.gemmSeconds).toBe((fa2.details?.perLayer as any).dense.gemmSeconds);
  });

  it('lets an A100 plan use FlashAttention-2 instead of the unfused attention of the 2021-22 runs', () => {
    const unfused = estimate(longContext('a100-sxm-80gb'));
    const flash = estimate(longContext('a100-sxm-80gb', 'flash2'));
    expect(unfused.details?.attentionKernel).toMatchObject({ kernel: 'unfused' });
    expect(flash.throughput.tokensPerGpuSecond).toBeGreaterThan(unfused.throughput.tokensPerGpuSecond * 1.5);
  });

  it('the report lists every named assumption as applied, with the kernel class resolved', () => {
    const r = estimate({ ...longContext('h100-sxm'), assumptions: { goodput: 0.95, layerSplit: 'balanced' } });
    expect(r.details?.assumptions).toMatchObject({ goodput: 0.95, layerSplit: 'balanced', attentionKernel: 'pytorch-flash', hostUsPerKernel: 47, pue: 1.2 });
  });

  it('accepts naming the profile’s own class explicitly', () => {
    const r = validatePlan(longContext('h800-sxm', 'flash3'));
    expect(r.ok).toBe(true);
  });

  it('rejects an unknown kernel class, naming the field and the allowed values', () => {
    const r = validatePlan(longContext('h100-sxm', 'flash9'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.path).toBe('assumptions.attentionKernel');
      expect(r.errors[0]!.message).toContain('flash3');
    }
  });

  it('rejects a kernel class the GPU profile has no measurement for instead of inventing one', () => {
    const r = validatePlan(longContext('mi300x', 'flash3'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toMatchObject({ path: 'assumptions.attentionKernel', code: 'not_measured' });
      expect(r.errors[0]!.message).toContain('mi300x');
    }
  });

  it('cites a source for every alternative kernel class in the catalog', () => {
    for (const g of Object.values(BUILTIN_CATALOG.gpus)) {
      for (const [k, v] of Object.entries(g.efficiency.attentionKernels ?? {})) {
        expect(ATTENTION_KERNELS).toContain(k);
        expect(v!.forward).toBeGreaterThan(0);
        expect(v!.backward).toBeLessThanOrEqual(1);
        expect(g.sources[`efficiency.attentionKernels.${k}`], `${g.id} ${k}`).toMatch(/\w{10,}/);
      }
    }
  });
});

describe('warning attention-kernel-assumed', () => {
  const codes = (plan: Record<string, any>) => estimate(plan).warnings.map((w) => w.code);

  it('tells a long-context plan that the default kernel class decides its estimate, naming the alternatives', () => {
    const w = estimate(longContext('h100-sxm')).warnings.find((x) => x.code === 'attention-kernel-assumed');
    expect(w?.message).toMatch(/attention is \d+% of each layer's GPU time .*h100-sxm's default kernel class \(pytorch-flash\)/);
    expect(w?.message).toContain('flash2, flash3');
  });

  it('stays quiet once the plan states its kernel or framework, and where attention is a small share', () => {
    expect(codes(longContext('h100-sxm', 'flash3'))).not.toContain('attention-kernel-assumed');
    expect(codes({ ...longContext('h100-sxm'), assumptions: { framework: 'megatron-core' } })).not.toContain('attention-kernel-assumed');
    const short = longContext('h100-sxm');
    short.training = { ...short.training, sequenceLength: 2048, globalBatchSize: 256, microBatchSize: 2 };
    expect(codes(short)).not.toContain('attention-kernel-assumed');
  });
});

import { describe, expect, it } from 'vitest';
import { BUILTIN_GPUS } from '../catalog/gpus.js';
import { estimate } from '../estimate.js';
import { validatePlan } from '../plan/validate.js';
import { qwen3_30bGb200Plan as qwen30b } from '../../test/fixtures/plans.js';

describe('assumptions.expertMlpKernels: fused (Transformer Engine fused grouped MLP)', () => {
  it('removes exactly the activation pass and the two quantisations the fused kernels absorb; GEMMs and attention unchanged', () => {
    const separate = estimate(qwen30b());
    const fused = estimate(qwen30b({ expertMlpKernels: 'fused' }));
    type MoeLayer = { gemmSeconds: number; attentionSeconds: number; memoryBoundSeconds: number; flops: number };
    const moeLayer = (r: typeof separate) => (r.details?.perLayer as { moe: MoeLayer }).moe;
    const s = moeLayer(separate);
    const f = moeLayer(fused);
    expect(f.gemmSeconds).toBe(s.gemmSeconds);
    expect(f.attentionSeconds).toBe(s.attentionSeconds);
    expect(f.flops).toBe(s.flops);
    // by hand: C = tokens × top-k × GPU imbalance token copies on this GPU's experts, width w = 768. Removed: SwiGLU
    // forward (3 BF16 tensors: C·w·6 B), its backward (twice that) and the recipe's recomputation of its output in
    // backward (DeepSeek's fp8 recipe caches only the SwiGLU input, V3 §3.3.3: once more the forward), FC2's input
    // quantisation in forward and for wgrad (4 B per element each, the fp8 recipe's), FC1's output-gradient
    // quantisation (4 B per element of 2w): 24·C·w + 8·C·w + 8·C·w = 40·C·w bytes in 6 kernels
    const C = 4 * 4096 * 8 * (separate.details?.moeBalance as { gpuImbalance: number }).gpuImbalance;
    const gpu = BUILTIN_GPUS.gb200!;
    const e = gpu.efficiency;
    const removed = (40 * C * 768) / (gpu.hbmBandwidthGBs * 1e9 * e.hbmFraction) + 6 * (e.memoryKernelOverheadUs ?? e.kernelOverheadUs) * 1e-6;
    expect(s.memoryBoundSeconds - f.memoryBoundSeconds).toBeCloseTo(removed, 9);
    expect(fused.step.seconds).toBeLessThan(separate.step.seconds);
  });

  it('leaves dense layers and a plan that does not state it alone', () => {
    const plain = estimate(qwen30b());
    const stated = estimate(qwen30b({ expertMlpKernels: 'separate' }));
    expect(stated.step.seconds).toBe(plain.step.seconds);
  });

  it('is refused, naming the field, where the kernels cannot run: BF16 or per-tensor FP8, a GPU without block-scaled tensor cores, a dense model', () => {
    for (const [plan, why] of [
      [qwen30b({ expertMlpKernels: 'fused' }, { precision: 'bf16' }), /needs block-scaled GEMMs .*got "bf16"/],
      [qwen30b({ expertMlpKernels: 'fused' }, { precision: 'fp8-tensorwise' }), /needs block-scaled GEMMs .*got "fp8-tensorwise"/],
      [qwen30b({ expertMlpKernels: 'fused' }, { cluster: { gpu: 'h100-sxm', gpus: 8 } }), /block-scaled tensor cores .*h100-sxm has none/],
      [{ ...qwen30b({ expertMlpKernels: 'fused' }), model: 'llama3-8b', parallelism: { recompute: 'none' }, moe: undefined }, /has no model\.moe/],
    ] as const) {
      const r = validatePlan(plan);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.find((x) => x.path === 'assumptions.expertMlpKernels')?.message).toMatch(why);
    }
    const bad = validatePlan(qwen30b({ expertMlpKernels: 'fast' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.find((x) => x.path === 'assumptions.expertMlpKernels')?.message).toMatch(/must be one of separate, fused/);
  });
});

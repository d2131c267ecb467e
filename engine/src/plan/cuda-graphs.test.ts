import { describe, expect, it } from 'vitest';
import { BUILTIN_GPUS, BUILTIN_MODELS } from '../catalog/index.js';
import { RECIPES } from '../precision/recipes.js';
import { embeddingCost, gpuSeconds, passSeconds, transformerLayerCost, type LayerShape } from '../compute/layer.js';
import { parseCudaGraphs, type CudaGraphScope } from './cuda-graphs.js';
import { validatePlan } from './validate.js';
import { deepseekV3PaperPlan } from '../../test/fixtures/plans.js';

/** Qwen3-30B-A3B-like fine-grained MoE layer on B200 at 4k tokens: small kernels, host-bound at 47 µs a launch. */
const shape = (cudaGraphs?: CudaGraphScope[]): LayerShape => ({
  arch: BUILTIN_MODELS['qwen3-235b-a22b']!.arch,
  gpu: BUILTIN_GPUS['b200']!,
  recipe: RECIPES.bf16,
  recompute: 'none',
  microBatch: 1,
  sequenceLength: 4096,
  tensor: 1,
  context: 1,
  sequenceParallel: false,
  expert: 8,
  expertTensor: 1,
  moeGpuImbalance: 1,
  ...(cudaGraphs ? { cudaGraphs } : {}),
});

describe('assumptions.cudaGraphs', () => {
  it('reads none, full_iteration and Megatron-Core scope lists; anything else is an error on the field', () => {
    expect(parseCudaGraphs('none')).toEqual({ ok: true, scopes: [] });
    expect(parseCudaGraphs('attn, moe_router,moe_preprocess')).toEqual({ ok: true, scopes: ['attn', 'moe_router', 'moe_preprocess'] });
    expect(parseCudaGraphs('attn,attn').ok).toBe(false);
    const plan = deepseekV3PaperPlan();
    const r = validatePlan({ ...plan, assumptions: { cudaGraphs: 'attention' } });
    expect(r.ok ? [] : r.errors).toContainEqual(expect.objectContaining({ path: 'assumptions.cudaGraphs', code: 'invalid_value' }));
    expect(validatePlan({ ...plan, assumptions: { cudaGraphs: 'full_iteration' } }).ok).toBe(true);
  });

  it('replays graphed launches at ~1 µs of host time; the GPU time does not change', () => {
    const eager = transformerLayerCost(shape(), true);
    const router = transformerLayerCost(shape(['moe_router', 'moe_preprocess']), true);
    const attn = transformerLayerCost(shape(['attn', 'moe_router', 'moe_preprocess']), true);
    const whole = transformerLayerCost(shape(['full_iteration']), true);
    for (const c of [router, attn, whole]) expect(gpuSeconds(c.f)).toBe(gpuSeconds(eager.f));
    // the router's 31 kernels and the permutation are graphed with those two scopes; all of the layer with full_iteration
    expect(router.f.graphedKernels).toBeGreaterThanOrEqual(31);
    expect(attn.f.graphedKernels).toBeGreaterThan(router.f.graphedKernels);
    expect(whole.f.graphedKernels).toBe(whole.f.kernels);
    expect(eager.f.graphedKernels).toBe(0);
    // host-bound at 47 µs a launch: every graphed scope shortens the pass, and a whole-layer graph leaves no host excess
    expect(eager.f.host).toBeGreaterThan(0);
    expect(passSeconds(router.f)).toBeLessThan(passSeconds(eager.f));
    // (once the host keeps up, graphing more changes nothing: the floor is max(GPU time, issue time))
    expect(passSeconds(attn.f)).toBeLessThanOrEqual(passSeconds(router.f));
    expect(passSeconds(router.f)).toBeGreaterThanOrEqual(gpuSeconds(router.f));
    expect(whole.f.host).toBe(0);
  });

  it('graphs the embedding and head only with full_iteration', () => {
    expect(embeddingCost(shape(['attn', 'mlp'])).f.graphedKernels).toBe(0);
    expect(embeddingCost(shape(['full_iteration'])).f.graphedKernels).toBe(embeddingCost(shape()).f.kernels);
  });
});

import { describe, expect, it } from 'vitest';
import { BUILTIN_GPUS, BUILTIN_MODELS } from '../catalog/index.js';
import { RECIPES } from '../precision/recipes.js';
import { headCost, type LayerShape } from './layer.js';

const h100 = BUILTIN_GPUS['h100-sxm']!;
const shape = (tensor: number): LayerShape => ({
  arch: BUILTIN_MODELS['llama3-8b']!.arch,
  gpu: h100,
  recipe: RECIPES.bf16,
  recompute: 'none',
  microBatch: 2,
  sequenceLength: 8192,
  tensor,
  context: 1,
  sequenceParallel: false,
  expert: 1,
  expertTensor: 1,
  moeGpuImbalance: 1,
});

describe('output head and FP32 cross-entropy', () => {
  it('charges ~40 bytes per logit (18 forward + 22 backward) at the achievable HBM rate', () => {
    const s = shape(1);
    const c = headCost(s);
    const logits = 2 * 8192 * s.arch.vocabSize;
    const rate = h100.hbmBandwidthGBs * 1e9 * h100.efficiency.hbmFraction;
    // forward also holds the final norm (4 B per hidden element); backward holds only the loss
    expect(c.b.memory * rate / logits).toBeGreaterThan(21.9);
    expect(c.b.memory * rate / logits).toBeLessThan(22.2);
    expect((c.f.memory + c.b.memory) * rate / logits).toBeGreaterThan(40);
  });

  it('splits the loss over the vocabulary shards of tensor parallelism', () => {
    const one = headCost(shape(1));
    const four = headCost(shape(4));
    expect(four.b.memory / one.b.memory).toBeGreaterThan(0.24);
    expect(four.b.memory / one.b.memory).toBeLessThan(0.26);
  });
});

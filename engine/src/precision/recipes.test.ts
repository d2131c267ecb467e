import { describe, expect, it } from 'vitest';
import { RECIPES } from './recipes.js';

describe('precision recipes are data', () => {
  it('bf16: 18 bytes of weight state per parameter (Megatron-LM theoretical_memory_usage.py)', () => {
    const b = RECIPES.bf16.bytes;
    expect(b.modelWeights + b.gradients + b.masterWeights + b.optimizerMoment1 + b.optimizerMoment2).toBe(18);
    expect(Object.values(RECIPES.bf16.gemm).every((g) => g === 'bf16')).toBe(true);
  });
  it('DeepSeek fp8 (V3 §3.3): FP8 linear/expert GEMMs; embedding, head, router, attention core stay BF16', () => {
    const r = RECIPES.fp8;
    expect(r.gemm).toEqual({ linear: 'fp8', expert: 'fp8', attentionCore: 'bf16', embedding: 'bf16', head: 'bf16', router: 'bf16' });
    expect(r.bytes.masterWeights).toBe(4); // FP32 master weights
    expect(r.bytes.gradients).toBe(4); // FP32 gradients for batch accumulation
    expect(r.bytes.optimizerMoment1).toBe(2); // BF16 AdamW moments
    expect(r.bytes.optimizerMoment2).toBe(2);
    expect(r.bytes.dispatch).toBeCloseTo(1 + 4 / 128, 12); // FP8 + FP32 scale per 1x128 tile
    expect(r.bytes.combine).toBe(2); // BF16 combine
    expect(r.scaling.accumulationPromotionElements).toBe(128);
    expect(r.recomputeSwigluOutput).toBe(true);
  });
  it('fp8-tensorwise caches linear inputs in FP8 but dispatches in BF16', () => {
    const r = RECIPES['fp8-tensorwise'];
    expect(r.bytes.linearActivationCache).toBe(1);
    expect(r.bytes.dispatch).toBe(2);
    expect(r.gemm.linear).toBe('fp8');
    expect(r.gemm.attentionCore).toBe('bf16');
  });
  it('every recipe id matches its key and has a source', () => {
    for (const [id, r] of Object.entries(RECIPES)) {
      expect(r.id).toBe(id);
      expect(r.source.length).toBeGreaterThan(20);
    }
  });
});

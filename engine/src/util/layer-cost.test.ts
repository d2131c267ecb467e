import { describe, expect, it } from 'vitest';
import { PlanValidationError } from '../plan/errors.js';
import { singleLayerCost, singleLayerPlan } from './layer-cost.js';

const llama8b = { label: 'llama3-8b layer', hidden: 4096, heads: 32, kvHeads: 8, ffn: 14336, seq: 8192, microBatch: 2 };

describe('single-layer plans', () => {
  it('cost one layer: twice the tokens take about twice the time, and the parts add up to no more than the whole', () => {
    const one = singleLayerCost({ ...llama8b, microBatch: 1 });
    const two = singleLayerCost(llama8b);
    expect(two.stepMs / one.stepMs).toBeGreaterThan(1.8);
    expect(two.stepMs / one.stepMs).toBeLessThan(2.3);
    expect(two.gemmMs + two.attentionMs + two.memoryBoundMs).toBeLessThanOrEqual(two.stepMs * 1.0001);
  });

  it('a MoE spec reads the MoE layer, a TP spec one rank of the full layer', () => {
    const moe = singleLayerCost({ ...llama8b, heads: 64, kvHeads: 4, ffn: 12288, moe: { experts: 128, topK: 8, expertFfn: 1536 } });
    expect(moe.gemmMs).toBeGreaterThan(0);
    const plan = singleLayerPlan({ ...llama8b, tensor: 8, heads: 4, kvHeads: 1, ffn: 1792 }) as any;
    expect(plan.model.attention.heads).toBe(32);
    expect(plan.model.ffn.intermediateSize).toBe(14336);
    expect(plan.parallelism.tensor).toBe(8);
  });

  it('a bad spec is a plan error naming the field', () => {
    expect(() => singleLayerCost({ ...llama8b, gpu: 'no-such-gpu' })).toThrow(PlanValidationError);
    try {
      singleLayerCost({ ...llama8b, gpu: 'no-such-gpu' });
    } catch (e) {
      expect((e as PlanValidationError).errors.map((x) => x.path)).toContain('cluster.gpu');
    }
  });
});

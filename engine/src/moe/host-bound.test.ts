import { describe, expect, it } from 'vitest';
import { deepseekV3PaperPlan } from '../../test/fixtures/plans.js';
import { estimate } from '../estimate.js';

/** Qwen3-235B-A22B (128 experts) on 256 H100s as in the Megatron-MoE ModelZoo runs, with a chosen TP and EP. */
function qwen3(tensor: number, expert: number): Record<string, any> {
  return {
    version: 1,
    model: 'qwen3-235b-a22b',
    training: { tokens: 1e10, sequenceLength: 4096, globalBatchSize: 2048, microBatchSize: 1 },
    cluster: { gpu: 'h100-sxm', gpus: 256 },
    parallelism: { tensor, pipeline: 8, virtualStages: 4, expert, sequenceParallel: true, zero: 1, schedule: 'interleaved-1f1b', recompute: 'selective' },
    precision: 'bf16',
  };
}

const codes = (plan: Record<string, any>) => estimate(plan).warnings.map((w) => w.code);

describe('moe-host-bound warning', () => {
  it('warns when 16 experts per GPU get little GPU work per layer (the ModelZoo TP4-EP8 run was 55% slower than estimated)', () => {
    const w = estimate(qwen3(4, 8)).warnings.find((x) => x.code === 'moe-host-bound');
    expect(w).toBeDefined();
    expect(w!.message).toMatch(/^16 routed experts per GPU with \d+\.\d ms/);
  });
  it('does not warn with 4 experts per GPU (EP32), where the published run matched the estimate', () => {
    expect(codes(qwen3(2, 32))).not.toContain('moe-host-bound');
  });
  it('does not warn when the MoE layer replays from a CUDA graph (the whole iteration or the moe scope), which issues no launches', () => {
    expect(codes({ ...qwen3(4, 8), assumptions: { cudaGraphs: 'full_iteration' } })).not.toContain('moe-host-bound');
    expect(codes({ ...qwen3(4, 8), assumptions: { cudaGraphs: 'attn,moe' } })).not.toContain('moe-host-bound');
    // graphing only the router and the permutation leaves the expert GEMM launches eager
    expect(codes({ ...qwen3(4, 8), assumptions: { cudaGraphs: 'moe_router,moe_preprocess' } })).toContain('moe-host-bound');
  });
  it('does not warn for DeepSeek-V3 on its paper cluster (4 experts per GPU, long per-layer work)', () => {
    const v3 = deepseekV3PaperPlan();
    expect(codes(v3)).not.toContain('moe-host-bound');
  });

  it('charges the measured host time per launch: the TP4-EP8 plan is host-bound by default and faster when graphed (hostUsPerKernel 0); DeepSeek-V3 is not affected', () => {
    const eager = estimate(qwen3(4, 8));
    const graphed = estimate({ ...qwen3(4, 8), assumptions: { hostUsPerKernel: 0 } });
    expect(eager.step.seconds).toBeGreaterThan(graphed.step.seconds * 1.15);
    const v3 = deepseekV3PaperPlan();
    const ratio = estimate(v3).step.seconds / estimate({ ...v3, assumptions: { hostUsPerKernel: 0 } }).step.seconds;
    expect(ratio).toBeGreaterThanOrEqual(1);
    expect(ratio).toBeLessThan(1.001);
  });
});

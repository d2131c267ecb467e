import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate.js';
import { validatePlan } from '../plan/validate.js';

/** Llama 3 70B on 128 H100: TP8 × CP2 (the two CP ranks on different nodes, so the KV exchange crosses the NIC). */
const plan = (sequenceLength: number, context: number, assumptions: Record<string, string> = {}) => ({
  version: 1,
  model: 'llama3-70b',
  training: { tokens: 1e11, sequenceLength, globalBatchSize: 64, microBatchSize: 1 },
  cluster: { gpu: 'h100-sxm', gpus: 128, gpusPerNode: 8, interNode: 'ib-ndr', nicsPerNode: 8 },
  parallelism: { tensor: 8, pipeline: 1, context, sequenceParallel: true, zero: 1, schedule: '1f1b', recompute: 'none' },
  precision: 'bf16',
  assumptions: { framework: 'megatron-core', ...assumptions },
});
const cp = (r: ReturnType<typeof estimate>) => r.communication.find((c) => c.kind === 'cp')!;
const attention = (r: ReturnType<typeof estimate>) => r.details!['perLayer'] as { dense: { attentionSeconds: number } };

describe('assumptions.cpComm (Megatron-Core cp_comm_type)', () => {
  it('ring (default): the KV block crosses the NIC in send/recv steps hidden under attention, even at 8k tokens', () => {
    const r = estimate(plan(8192, 2));
    expect(r.details!['assumptions']).toMatchObject({ cpComm: 'ring' });
    expect(cp(r).seconds).toBeGreaterThan(0);
    expect(cp(r).exposedSeconds).toBe(0);
    // one 4k-token KV block of 1 KV head × 128 × (K, V) in BF16 per layer: ~0.05 ms over one GPU's NIC share, not the
    // millisecond an NCCL collective's payload ramp would charge
    const perLayerForward = cp(r).seconds / (80 * 3 * 8); // 80 layers, forward + 2× backward, 64 / DP8 = 8 micro-batches
    expect(perLayerForward).toBeLessThan(1e-4);
  });

  it('all-gather: the same KV bytes, exposed whole, so a longer step', () => {
    const ring = estimate(plan(8192, 2));
    const gathered = estimate(plan(8192, 2, { cpComm: 'all-gather' }));
    expect(cp(gathered).bytesPerStep).toBe(cp(ring).bytesPerStep);
    expect(cp(gathered).exposedSeconds).toBeGreaterThan(0);
    expect(cp(gathered).exposedSeconds).toBeCloseTo(cp(gathered).seconds, 9);
    expect(gathered.step.seconds).toBeGreaterThan(ring.step.seconds);
  });

  it('ring attention runs one kernel per KV block, so at the block length: slower per layer than one call over the gathered sequence', () => {
    const ring = attention(estimate(plan(131072, 16)));
    const gathered = attention(estimate(plan(131072, 16, { cpComm: 'all-gather' })));
    // same FLOPs; an 8k-key call runs a few per cent below a 131k-key one (compute/kernels.ts seqEfficiency)
    expect(ring.dense.attentionSeconds / gathered.dense.attentionSeconds).toBeGreaterThan(1.01);
    expect(ring.dense.attentionSeconds / gathered.dense.attentionSeconds).toBeLessThan(1.1);
  });

  it('changes nothing without context parallelism', () => {
    expect(estimate(plan(8192, 1, { cpComm: 'all-gather' })).step.seconds).toBe(estimate(plan(8192, 1)).step.seconds);
  });

  it('an unknown value is an error on the field', () => {
    const v = validatePlan(plan(8192, 2, { cpComm: 'ulysses' }));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toMatchObject({ path: 'assumptions.cpComm', code: 'invalid_enum' });
  });
});

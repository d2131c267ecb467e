import { describe, expect, it } from 'vitest';
import { backwardReloadStall, forwardOffloadStall } from './offload.js';
import { estimate } from '../estimate.js';
import { validatePlan } from '../plan/validate.js';

describe('CPU activation offloading, scheduled as Transformer Engine does (step/offload.ts)', () => {
  it('hides copies shorter than the compute beside them', () => {
    const f = [1, 1, 1, 1, 1];
    const c = [0.5, 0.5, 0, 0, 0];
    expect(forwardOffloadStall(f, c, 3)).toBe(0);
    expect(backwardReloadStall([2, 2, 2, 2, 2], c, 3)).toBe(0);
  });

  it('stalls the layer that would hold more than L − N activation sets (the docs\' 3-of-5 example, hand-timed)', () => {
    // forward 1 s per layer, copies 1.5 s: offloads end at 1.5, 3 and 4.5. Starting layer j needs j + 1 − 2 of them done:
    // layer 2 one (1.5, it starts at 2), layer 3 two (3, it starts at 3), layer 4 three (4.5, not 4): 0.5 s
    expect(forwardOffloadStall([1, 1, 1, 1, 1], [1.5, 1.5, 1.5, 0, 0], 2)).toBe(0.5);
    // with 3-second copies: offloads end at 3, 6, 9; layer 2 needs offload 0 (3), layer 3 offload 1 (6), layer 4 offload 2 (9)
    // → layers run 0-1, 1-2, 3-4, 6-7, 9-10: 10 s for 5 s of compute
    expect(forwardOffloadStall([1, 1, 1, 1, 1], [3, 3, 3, 0, 0], 2)).toBe(5);
  });

  it('cannot overlap anything with N = L − 1 (one activation set on the GPU), as the docs warn', () => {
    // L = 2, N = 1: layer 1 waits for layer 0's copy; in backward layer 0 waits for its reload after layer 1's backward
    expect(forwardOffloadStall([1, 1], [3, 0], 1)).toBe(2);
    expect(backwardReloadStall([2, 2], [3, 0], 1)).toBe(3);
  });

  it('reloads one layer ahead: a reload longer than the backward it hides under shows', () => {
    // L = 4, N = 2, limit 2: backward runs layers 3, 2, 1, 0 (1 s each); reload of layer 1 may start when layer 3 ends (1),
    // ends 1 + 2.5 = 3.5 → layer 1 starts 3.5 not 2; reload of layer 0 starts when layer 2 ends (2) but the stream is busy
    // until 3.5, ends 6 → layer 0 starts 6, ends 7: 3 s of stall
    expect(backwardReloadStall([1, 1, 1, 1], [2.5, 2.5, 0, 0], 2)).toBe(3);
  });
});

/** Llama 3 8B on one 8-GPU node, FSDP, no recomputation: the layout CPU offloading is made for. */
const llama8b = (gpu: string, parallelism: Record<string, unknown> = {}) => ({
  version: 1,
  model: 'llama3-8b',
  training: { tokens: 1e10, sequenceLength: 8192, globalBatchSize: 64, microBatchSize: 1 },
  cluster: { gpu, gpus: 8 },
  parallelism: { tensor: 1, pipeline: 1, zero: 3, schedule: '1f1b', recompute: 'none', ...parallelism },
  precision: 'bf16',
  assumptions: { framework: 'megatron-core' },
});

describe('parallelism.cpuOffloadLayers (Megatron-Core --cpu-offloading-num-layers)', () => {
  it('takes the offloaded layers\' activations off the GPU', () => {
    const plain = estimate(llama8b('h100-sxm'));
    const half = estimate(llama8b('h100-sxm', { cpuOffloadLayers: 16 }));
    const act = (r: typeof plain) => r.memory.stages[0]!.activationsGiB;
    expect(act(half)).toBeCloseTo(act(plain) / 2, 6);
    expect(half.memory.peakGiB).toBeLessThan(plain.memory.peakGiB);
  });

  it('costs time over PCIe and little over NVLink-C2C: the copies cross the GPU profile\'s host link', () => {
    const offload = (r: ReturnType<typeof estimate>) => r.communication.find((c) => c.kind === 'offload');
    const h100 = estimate(llama8b('h100-sxm', { cpuOffloadLayers: 16 }));
    const gb200 = estimate(llama8b('gb200', { cpuOffloadLayers: 16 }));
    // the same bytes either way: 16 layers' activations out and back per micro-batch
    expect(offload(h100)!.bytesPerStep).toBeCloseTo(offload(gb200)!.bytesPerStep, 0);
    // PCIe Gen5 at 0.88 of 63 GB/s against C2C at 0.88 of 225: 3.6x the copy time
    expect(offload(h100)!.seconds / offload(gb200)!.seconds).toBeCloseTo(225 / 63, 6);
    expect(offload(h100)!.exposedSeconds).toBeGreaterThan(0.1 * h100.step.seconds);
    expect(offload(gb200)!.exposedSeconds).toBeLessThan(offload(h100)!.exposedSeconds / 3);
    expect(h100.step.seconds).toBeGreaterThan(estimate(llama8b('h100-sxm')).step.seconds);
    // the breakdown still sums to the step
    const b = h100.step.breakdown;
    expect(b.compute + b.exposedCommunication + b.bubble + b.optimizer).toBeCloseTo(h100.step.seconds, 9);
  });

  it('is refused where Megatron-Core refuses it, or where the GPU profile has no host link, naming the field', () => {
    for (const [plan, why] of [
      [llama8b('h100-sxm', { cpuOffloadLayers: 32 }), /less than model.layers \(32\)/],
      [llama8b('h100-sxm', { cpuOffloadLayers: 8, pipeline: 2 }), /needs parallelism.pipeline 1/],
      [llama8b('h100-sxm', { cpuOffloadLayers: 8, recompute: 'selective' }), /needs parallelism.recompute "none"/],
      [llama8b('b300', { cpuOffloadLayers: 8 }), /has no hostLink/],
    ] as const) {
      const r = validatePlan(plan);
      expect(r.ok, JSON.stringify(plan.parallelism)).toBe(false);
      if (!r.ok) expect(r.errors.find((e) => e.path === 'parallelism.cpuOffloadLayers')?.message).toMatch(why);
    }
  });

  it('plans offloading on an AMD part over its PCIe Gen5 host link, at the same copy time as an H100', () => {
    const mi = estimate(llama8b('mi325x', { cpuOffloadLayers: 16 }));
    const h = estimate(llama8b('h100-sxm', { cpuOffloadLayers: 16 }));
    const copies = (r: typeof mi) => r.communication.find((c) => c.kind === 'offload')!;
    expect(copies(mi).bytesPerStep).toBeCloseTo(copies(h).bytesPerStep, 0);
    expect(copies(mi).seconds).toBeCloseTo(copies(h).seconds, 9);
    expect(mi.memory.peakGiB).toBeLessThan(estimate(llama8b('mi325x')).memory.peakGiB);
  });

  it('is not offered a recompute setting by the memory advice (Megatron-Core does not combine the two)', () => {
    const r = estimate({ ...llama8b('h100-sxm', { cpuOffloadLayers: 4 }), training: { tokens: 1e10, sequenceLength: 32768, globalBatchSize: 64, microBatchSize: 4 } });
    for (const w of r.warnings) for (const f of w.fix ?? []) if (f.path === 'parallelism.recompute') expect(f.value).toBe('none');
  });
});

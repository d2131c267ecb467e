import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate.js';
import { BUILTIN_CATALOG } from '../catalog/index.js';
import { validatePlan } from '../plan/validate.js';
import { qwen3Ep32Plan } from '../../test/fixtures/plans.js';

/** Llama 3 70B on 64 H100: TP4 × PP4 (pipeline ranks on different nodes, so each send crosses the NIC). */
const plan = (schedule: 'interleaved-1f1b' | '1f1b', assumptions: Record<string, string | number> = {}) => ({
  version: 1,
  model: 'llama3-70b',
  training: { tokens: 1e11, sequenceLength: 8192, globalBatchSize: 128, microBatchSize: 1 },
  cluster: { gpu: 'h100-sxm', gpus: 64, gpusPerNode: 8, interNode: 'ib-ndr', nicsPerNode: 8 },
  parallelism: { tensor: 4, pipeline: 4, virtualStages: schedule === '1f1b' ? 1 : 5, sequenceParallel: true, zero: 1, schedule, recompute: 'none' },
  precision: 'bf16',
  assumptions,
});
const pp = (r: ReturnType<typeof estimate>) => r.communication.find((c) => c.kind === 'pp')!;

describe('assumptions.ppCommOverlap (Megatron-LM overlap_p2p_comm)', () => {
  it('megatron-core overlaps the interleaved schedule\'s sends: less exposed PP time and a shorter step than blocking sends', () => {
    const overlapped = estimate(plan('interleaved-1f1b', { framework: 'megatron-core' }));
    const blocking = estimate(plan('interleaved-1f1b', { framework: 'megatron-core', ppCommOverlap: 'none' }));
    expect(overlapped.details!['assumptions']).toMatchObject({ ppCommOverlap: 'interleaved' });
    // the same bytes move either way
    expect(pp(overlapped).bytesPerStep).toBe(pp(blocking).bytesPerStep);
    expect(pp(blocking).exposedSeconds).toBeGreaterThan(0);
    expect(pp(overlapped).exposedSeconds).toBeLessThan(pp(blocking).exposedSeconds);
    expect(overlapped.step.seconds).toBeLessThan(blocking.step.seconds);
  });

  it("1F1B keeps blocking sends under 'interleaved' (Megatron forces overlap off there) and overlaps them under 'all'", () => {
    const interleavedOnly = estimate(plan('1f1b', { framework: 'megatron-core' }));
    const none = estimate(plan('1f1b', { framework: 'megatron-core', ppCommOverlap: 'none' }));
    const all = estimate(plan('1f1b', { framework: 'megatron-core', ppCommOverlap: 'all' }));
    expect(interleavedOnly.step.seconds).toBe(none.step.seconds);
    expect(all.step.seconds).toBeLessThan(none.step.seconds);
  });

  it('generic and torchtitan stacks keep the blocking default', () => {
    for (const framework of ['generic', 'torchtitan']) {
      expect(estimate(plan('interleaved-1f1b', { framework })).details!['assumptions']).toMatchObject({ ppCommOverlap: 'none' });
    }
  });

  it('an unknown value is an error on the field', () => {
    const v = validatePlan(plan('interleaved-1f1b', { ppCommOverlap: 'sometimes' }));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toMatchObject({ path: 'assumptions.ppCommOverlap', code: 'invalid_enum' });
  });
});

describe('assumptions.moeDispatcher (Megatron-Core all-to-all vs DeepEP)', () => {
  /** Qwen3-235B, TP2 PP8 VPP4 EP32 on 256 H100 (EP over four nodes), selective recomputation. */
  const moe = (moeDispatcher?: string) => qwen3Ep32Plan({ recompute: 'selective' }, moeDispatcher ? { moeDispatcher } : {});
  const epSeconds = (r: ReturnType<typeof estimate>) => r.communication.filter((c) => c.kind.startsWith('ep-')).reduce((s, c) => s + c.seconds, 0);

  it('across nodes the all-to-all dispatcher sends each remote row over InfiniBand: its EP time is about twice DeepEP\'s; DeepEP is the default', () => {
    const deepep = estimate(moe());
    const a2a = estimate(moe('alltoall'));
    expect(deepep.details!['assumptions']).toMatchObject({ moeDispatcher: 'deepep' });
    // EP32 = 4 nodes: 6 of 8 rows per token over IB against DeepEP's 2.7 distinct remote nodes (comm/expert.ts)
    expect(epSeconds(a2a) / epSeconds(deepep)).toBeGreaterThan(1.8);
    expect(a2a.step.seconds).toBeGreaterThan(deepep.step.seconds);
  });

  it('the all-to-all dispatcher also permutes the token copies by destination before sending and back after combining, which DeepEP fuses into its kernels', () => {
    const perLayer = (r: ReturnType<typeof estimate>) => (r.details!['perLayer'] as { moe: { memoryBoundSeconds: number } }).moe.memoryBoundSeconds;
    const extra = perLayer(estimate(moe('alltoall'))) - perLayer(estimate(moe()));
    // one more read + write of the k·T token copies each way (T = 4096 / TP2, k = 8, h = 4096, 2 B in BF16), forward
    // and twice that in backward, at the H100's streaming rate
    const gpu = BUILTIN_CATALOG.gpus['h100-sxm']!;
    const bytes = 2048 * 8 * 4096 * 2 * 2 * 2;
    const expected = (3 * bytes) / (gpu.hbmBandwidthGBs * 1e9 * gpu.efficiency.hbmFraction);
    expect(extra / expected).toBeGreaterThan(0.99);
    expect(extra / expected).toBeLessThan(1.05); // plus six short kernels' fixed cost
    // with one expert per GPU the received tokens need no second sort, and the extra pass is not charged
    const oneExpert = (d?: string) => qwen3Ep32Plan({ recompute: 'selective', tensor: 1, virtualStages: 1, schedule: '1f1b', expert: 128 }, d ? { moeDispatcher: d } : {});
    const a = estimate({ ...oneExpert('alltoall'), cluster: { gpu: 'h100-sxm', gpus: 1024 } });
    const b = estimate({ ...oneExpert(), cluster: { gpu: 'h100-sxm', gpus: 1024 } });
    expect(perLayer(a)).toBe(perLayer(b));
  });

  it('an unknown dispatcher is an error on the field', () => {
    const v = validatePlan(moe('nccl'));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors[0]).toMatchObject({ path: 'assumptions.moeDispatcher', code: 'invalid_enum' });
  });
});
